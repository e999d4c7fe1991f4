// Part of scripts/bundle-cli.mjs: esbuild's `keepNames` gives every named function and class of the
// bundle its source name with `__name(fn, "name")`, an Object.defineProperty on the function, so
// that a `--debug` stack trace says `profileNotFound`, not the minified `YU`. That is ~2,300 property
// definitions at the start of every command (about 6% of a cold `accounts`), and only a stack trace
// reads them: aws-idc prints one with `--debug` only. So the helper names functions when the command
// line has `--debug` (the rule of @idc/cli-kit's argvHas: before a `--`, as `--debug` or
// `--debug=...`) and otherwise returns the function as it is. No aws-idc code reads a function's
// name for anything else (the CLI's tests pass with and without names).

// esbuild's minified __name: `name = (target, value) => defProp(target, "name", { value, configurable: true })`.
const NAME_HELPER =
  /(?<=(?:\bvar |,))([\w$]+)=\(([\w$]+),([\w$]+)\)=>([\w$]+)\(\2,"name",\{value:\3,configurable:!0\}\)/
// esbuild writes its runtime helpers first; pre-bundled dependencies may carry their own further on.
const PROLOGUE = 4096

/** Whether `argv` (process.argv) asks for `--debug`; as text, it is evaluated once by the bundle. */
export const DEBUG_ARGV =
  '((a,e)=>(e=a.indexOf("--"),(e<0?a:a.slice(0,e)).some(x=>x==="--debug"||x.startsWith("--debug="))))(process.argv.slice(2))'

/** `code` (esbuild's minified output) with its __name naming only under `--debug`; throws when it is not found. */
export function namesOnDebug(code) {
  const found = NAME_HELPER.exec(code)
  if (!found || found.index > PROLOGUE)
    throw new Error("debug-names: esbuild's __name not found among its runtime helpers (esbuild changed?)")
  const [whole, name, target, value, defineProperty] = found
  const naming = `(${target},${value})=>${defineProperty}(${target},"name",{value:${value},configurable:!0})`
  return `${code.slice(0, found.index)}${name}=${DEBUG_ARGV}?${naming}:(${target})=>${target}${code.slice(found.index + whole.length)}`
}
