// Overrides for `node:crypto` in dist/fast.cjs (../bundle-fast.mjs forwards every other export to
// the real module, loaded on first use). Loading node:crypto costs ~4 ms on Node 20, as much as the
// rest of the warm path, which needs it for one thing: the SHA-1 of the role-cache key that names the
// cache file. So `createHash('sha1')` is done here in plain JavaScript; other algorithms go to the real
// module. test/fast-path.test.ts compares the two.

/** `createHash` of node:crypto; 'sha1' without options is answered in JavaScript. */
export function createHash(real, algorithm, options) {
  if (options === undefined && String(algorithm).toLowerCase() === 'sha1') return new Sha1()
  return real().createHash(algorithm, options)
}

class Sha1 {
  #chunks = []
  #done = false

  update(data, encoding) {
    if (this.#done) throw new Error('Digest already called')
    this.#chunks.push(typeof data === 'string' ? Buffer.from(data, encoding ?? 'utf8') : Buffer.from(data))
    return this
  }

  digest(encoding) {
    if (this.#done) throw new Error('Digest already called')
    this.#done = true
    const out = sha1(Buffer.concat(this.#chunks))
    return encoding === undefined || encoding === 'buffer' ? out : out.toString(encoding)
  }
}

/** FIPS 180-4 SHA-1 of the bytes. */
export function sha1(bytes) {
  const length = bytes.length
  const blocks = ((length + 8) >>> 6) + 1
  const words = new Uint32Array(blocks * 16)
  for (let i = 0; i < length; i++) words[i >>> 2] |= bytes[i] << (24 - (i & 3) * 8)
  words[length >>> 2] |= 0x80 << (24 - (length & 3) * 8)
  // Message length in bits, as a 64-bit big-endian number in the last two words.
  words[blocks * 16 - 1] = (length * 8) >>> 0
  words[blocks * 16 - 2] = Math.floor(length / 0x20000000)
  let h0 = 0x67452301
  let h1 = 0xefcdab89
  let h2 = 0x98badcfe
  let h3 = 0x10325476
  let h4 = 0xc3d2e1f0
  const w = new Uint32Array(80)
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 16; t++) w[t] = words[b * 16 + t]
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
      w[t] = (x << 1) | (x >>> 31)
    }
    let a = h0
    let bb = h1
    let c = h2
    let d = h3
    let e = h4
    for (let t = 0; t < 80; t++) {
      let f
      let k
      if (t < 20) {
        f = (bb & c) | (~bb & d)
        k = 0x5a827999
      } else if (t < 40) {
        f = bb ^ c ^ d
        k = 0x6ed9eba1
      } else if (t < 60) {
        f = (bb & c) | (bb & d) | (c & d)
        k = 0x8f1bbcdc
      } else {
        f = bb ^ c ^ d
        k = 0xca62c1d6
      }
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0
      e = d
      d = c
      c = (bb << 30) | (bb >>> 2)
      bb = a
      a = temp
    }
    h0 = (h0 + a) >>> 0
    h1 = (h1 + bb) >>> 0
    h2 = (h2 + c) >>> 0
    h3 = (h3 + d) >>> 0
    h4 = (h4 + e) >>> 0
  }
  const out = Buffer.allocUnsafe(20)
  out.writeUInt32BE(h0, 0)
  out.writeUInt32BE(h1, 4)
  out.writeUInt32BE(h2, 8)
  out.writeUInt32BE(h3, 12)
  out.writeUInt32BE(h4, 16)
  return out
}
