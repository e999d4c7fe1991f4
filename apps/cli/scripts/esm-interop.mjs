// Part of scripts/bundle-cli.mjs: esbuild's ESM/CommonJS interop helper (__toESM) builds a new
// namespace object for a CommonJS module (and for the lazy built-ins of scripts/lazy-builtins.mjs)
// at every ESM module that imports it, copying each export as a getter: with ~60 such import sites
// (node:fs, node:crypto, @smithy/types...) of modules of 70-100 exports, about 3 ms of a command that
// builds an AWS SDK client. Node's own ESM loader gives every importer of a CommonJS module the same
// namespace object, so the helper is made to do that too: one object per module (and per "node
// mode", which decides its `default`), made again when the module's own keys changed in number
// since (an import during a circular require sees a half-built module; a later one, the whole).
// The getters read the module's live values either way. A lazy built-in (scripts/lazy-builtins.mjs)
// carries a namespace of its own under Symbol.for('aws-idc.esm-namespace'), a Proxy that reads the
// built-in on use: that is taken instead of copying its 30-100 keys (about 2% of a cold `accounts`).

// esbuild's minified __toESM: `name=(mod,isNodeMode,target)=>(target=mod!=null?create(getProto(mod)):{},
// copyProps(isNodeMode||!mod||!mod.__esModule?defProp(target,"default",{value:mod,enumerable:!0}):target,mod))`
const TO_ESM =
  /(?<=(?:\bvar |,))([\w$]+)=(\(([\w$]+),([\w$]+),([\w$]+)\)=>\(\5=\3!=null\?[\w$]+\([\w$]+\(\3\)\):\{\},[\w$]+\(\4\|\|!\3\|\|!\3\.__esModule\?[\w$]+\(\5,"default",\{value:\3,enumerable:!0\}\):\5,\3\)\))/g

/** `code` (esbuild's minified CommonJS output) with its __toESM memoized; throws unless found once. */
export function memoizeToESM(code) {
  const found = [...code.matchAll(TO_ESM)]
  if (found.length !== 1)
    throw new Error(
      `esm-interop: esbuild's __toESM found ${found.length} times, expected once (esbuild changed?)`,
    )
  return code.replace(
    TO_ESM,
    (_, name, raw) =>
      `${name}=((raw,memo,names,NS)=>(m,n)=>{if(m==null||typeof m!="object"&&typeof m!="function")return raw(m,n);const ns=m[NS];if(ns)return ns;let e=memo.get(m);e||memo.set(m,e=[]);const i=n?1:0,c=names(m).length;return e[i]&&e[i+2]===c?e[i]:(e[i+2]=c,e[i]=raw(m,n))})(${raw},new WeakMap,Object.getOwnPropertyNames,Symbol.for("aws-idc.esm-namespace"))`,
  )
}
