// Part of scripts/bundle-cli.mjs: esbuild gives every ES module whose namespace object is needed
// (a module require()d or import()ed, or imported with `import * as`) an exports object filled
// with one getter per export by `__export(ns, { name: () => binding, ... })`, and writes that call
// at the bundle's top level even when the module itself is evaluated lazily (wrapped in __esm).
// So every start made ~1,000 getter closures for modules most commands never evaluate (the AWS SDK
// clients, every command's module), and they were about a quarter of the top level that each
// command's V8 code cache holds. The call is moved to the start of the module's own lazy
// initializer, which esbuild runs before anything reads that namespace (a require() or import() of
// the module is `(init(), ns)`; an importer calls init() first), circular imports included: the
// getters exist from the initializer's first statement on.
import { parse } from 'acorn'

// esbuild's minified helpers: __export = (target, all) => { for (var name in all) defProp(target, name,
// { get: all[name], enumerable: true }) } and __esm = (fn, res, err) => () => { if (err) throw err[0];
// try { return fn && (res = fn(fn = 0)), res } ... }.
const EXPORT_HELPER =
  /(?<=(?:\bvar |,))([\w$]+)=\(([\w$]+),([\w$]+)\)=>\{for\(var ([\w$]+) in \3\)[\w$]+\(\2,\4,\{get:\3\[\4\],enumerable:!0\}\)\}/
const ESM_HELPER =
  /(?<=(?:\bvar |,))([\w$]+)=\(([\w$]+),([\w$]+),([\w$]+)\)=>\(\)=>\{if\(\4\)throw \4\[0\];try\{return \2&&\(\3=\2\(\2=0\)\),\3\}/

/**
 * `code` (esbuild's minified CommonJS bundle) with each top-level `__export(ns, {...})` that is
 * followed by its module's `__esm` initializer (with only function declarations between) moved into
 * that initializer; `moved` and `kept` count them. Throws when esbuild's helpers are not found.
 */
export function deferExports(code) {
  const exportName = EXPORT_HELPER.exec(code)?.[1]
  const esmName = ESM_HELPER.exec(code)?.[1]
  if (!exportName || !esmName)
    throw new Error("lazy-exports: esbuild's __export or __esm not found (esbuild changed?)")
  const body = parse(code, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    allowReturnOutsideFunction: true,
  }).body
  const edits = []
  let kept = 0
  for (let i = 0; i < body.length; i++) {
    const call = body[i]
    if (
      call.type !== 'ExpressionStatement' ||
      call.expression.type !== 'CallExpression' ||
      call.expression.callee.type !== 'Identifier' ||
      call.expression.callee.name !== exportName
    )
      continue
    // Function declarations may come between (esbuild keeps them at the top level: they are hoisted).
    let next = i + 1
    while (body[next]?.type === 'FunctionDeclaration') next++
    const init = initializerBody(body[next], esmName)
    if (!init) {
      kept++
      continue
    }
    edits.push({ start: call.start, end: call.end, text: '' })
    edits.push({
      start: init.start + 1,
      end: init.start + 1,
      text: `${code.slice(call.expression.start, call.expression.end)};`,
    })
  }
  edits.sort((a, b) => a.start - b.start)
  let out = ''
  let at = 0
  for (const e of edits) {
    out += code.slice(at, e.start) + e.text
    at = e.end
  }
  return { code: out + code.slice(at), moved: edits.length / 2, kept }
}

/** The block of `var ..., init = __esm(() => { ... })`, the statement after a module's __export. */
function initializerBody(statement, esmName) {
  if (statement?.type !== 'VariableDeclaration') return undefined
  for (const d of statement.declarations) {
    const init = d.init
    if (
      init?.type === 'CallExpression' &&
      init.callee.type === 'Identifier' &&
      init.callee.name === esmName &&
      init.arguments.length === 1 &&
      init.arguments[0].type === 'ArrowFunctionExpression' &&
      init.arguments[0].body.type === 'BlockStatement'
    )
      return init.arguments[0].body
  }
  return undefined
}
