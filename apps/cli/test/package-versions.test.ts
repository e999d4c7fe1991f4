// scripts/package-versions.mjs: a package.json that a module reads only `.version` of is bundled
// as `{ name, version }`; any other use keeps the whole file. Real esbuild builds of fixtures.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { packageVersions, readsOnlyVersion } from '../scripts/package-versions.mjs'

const dir = mkdtempSync(join(tmpdir(), 'aws-idc-package-versions-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readsOnlyVersion', () => {
  it("tells a module that reads only a package.json's version from one that reads more", () => {
    // The AWS SDK clients' runtimeConfig.js and oclif's cache.js, as they are written.
    const sdk = `import packageInfo from "../package.json";
export const f = () => ({ clientVersion: packageInfo.version, again: packageInfo.version });`
    expect(readsOnlyVersion(sdk, '../package.json')).toBe(true)
    const oclif = "return { name: '@oclif/core', version: require('@oclif/core/package.json').version };"
    expect(readsOnlyVersion(oclif, '@oclif/core/package.json')).toBe(true)

    expect(readsOnlyVersion(`${sdk}\nexport const deps = packageInfo.dependencies;`, '../package.json')).toBe(
      false,
    )
    expect(readsOnlyVersion(`${sdk}\nexport const all = packageInfo;`, '../package.json')).toBe(false)
    expect(
      readsOnlyVersion(
        `${oclif}\nconst p = require('@oclif/core/package.json');`,
        '@oclif/core/package.json',
      ),
    ).toBe(false)
    expect(readsOnlyVersion(sdk, './package.json')).toBe(false)
    // A longer name that contains the binding is not a mention of it.
    expect(readsOnlyVersion(`${sdk}\nconst packageInfoX = 1;`, '../package.json')).toBe(true)
  })
})

describe('the package-versions plugin', () => {
  it('bundles name and version for a version read, the whole package.json otherwise', async () => {
    const pkg = join(dir, 'node_modules', 'lib')
    mkdirSync(pkg, { recursive: true })
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: 'lib', version: '1.2.3', main: 'index.js', dependencies: { big: '1' } }),
    )
    writeFileSync(
      join(pkg, 'version.js'),
      "import info from './package.json'\nexport const version = info.version",
    )
    writeFileSync(
      join(pkg, 'deps.js'),
      "import info from './package.json'\nexport const deps = info.dependencies",
    )
    const bundle = async (file: string) => {
      const result = await build({
        entryPoints: [join(pkg, file)],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        logLevel: 'silent',
        plugins: [packageVersions],
      })
      return result.outputFiles?.[0]?.text ?? ''
    }
    const version = await bundle('version.js')
    expect(version).toContain('1.2.3')
    expect(version).not.toContain('dependencies')
    expect(version).not.toContain('index.js')
    const deps = await bundle('deps.js')
    expect(deps).toContain('dependencies')
  })
})
