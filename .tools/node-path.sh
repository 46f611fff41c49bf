#!/usr/bin/env bash
# Prints the folder to put first on PATH so that `node` is >= 22.12 (the project's engines).
# Uses the machine's Node when it is new enough; otherwise installs the npm registry's `node`
# package (pinned by .tools/package-lock.json) into .tools/node_modules, once.
# Usage: export PATH="$(bash .tools/node-path.sh):$PATH"
set -euo pipefail
tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

new_enough() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

if command -v node >/dev/null 2>&1 && new_enough node; then
  dirname "$(command -v node)"
  exit 0
fi
local_node="$tools/node_modules/node/bin/node"
if [ ! -x "$local_node" ] || ! new_enough "$local_node"; then
  echo "Node $(node --version 2>/dev/null || echo 'not found') is older than 22.12: installing Node 22 from the npm registry into .tools/ ..." >&2
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
new_enough "$local_node" || { echo "Could not install Node >= 22.12 into .tools/" >&2; exit 1; }
dirname "$local_node"
