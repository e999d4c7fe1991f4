// What the two bundles (dist/fast.cjs and dist/cli.cjs) share: one minified CommonJS file for the
// toolkit's Node floor (>= 20.19, the AWS SDK's), with a metafile for the module checks.
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  minify: true,
  metafile: true,
}
