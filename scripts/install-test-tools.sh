#!/usr/bin/env bash
# Installs the system tools the test suite drives for real: Debian chromium (browser tests through
# playwright-core, which never downloads a browser), zsh + fish (formatter round-trips; bash and dash
# are already on Debian), botocore (python3-botocore; its python3 also gives `pnpm bench` each run's CPU time
# and peak RSS) when python3 cannot import it, and Debian's awscli (the AWS
# CLI v2 at /usr/bin/aws, for the interop tests). Idempotent: does nothing when everything is present.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v fish >/dev/null 2>&1 || need+=(fish)
command -v dash >/dev/null 2>&1 || need+=(dash)
# botocore: the independent client that reads sessions moved by `sessions export | import`.
python3 -c 'import botocore.session' >/dev/null 2>&1 || need+=(python3-botocore)
# Debian's awscli is the AWS CLI v2 (2.9 on bookworm), the independent client of the interop tests.
/usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2' || need+=(awscli)
if [ ${#need[@]} -eq 0 ]; then
  echo "test tools present: chromium zsh fish dash botocore awscli"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing from apt: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
