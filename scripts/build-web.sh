#!/usr/bin/env bash
# Builds the web app (web/) and installs it beside each build directory's binary as web/.
# npm packages come from web/package-lock.json; `npm ci` runs only when the lock file changed
# since the last install, so repeated builds take seconds.
# Usage: build-web.sh BUILD_DIR [BUILD_DIR...]
#        build-web.sh --install-only   (the npm packages alone: `make web-types` needs them)
set -euo pipefail
cd "$(dirname "$0")/../web"
stamp=node_modules/.rapport-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
[ "${1:-}" = "--install-only" ] && exit 0
npm run --silent build
for dir in "$@"; do
  mkdir -p "../$dir"
  rm -rf "../$dir/web"
  cp -r dist "../$dir/web"
done
