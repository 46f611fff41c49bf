# Source this file (`source .tools/use-node.sh`) to get a Node >= 22.12 on PATH, as the
# project's engines require. It uses the machine's Node when it is new enough; otherwise it
# installs the npm registry's `node` package (pinned by .tools/package-lock.json) into
# .tools/node_modules once, and puts it first on PATH.

_board_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

_board_node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

if ! { command -v node >/dev/null 2>&1 && _board_node_ok node; }; then
  _board_node="$_board_tools/node_modules/node/bin/node"
  # npm reads its global config (registry, CA file) from beside the Node that runs it; keep
  # the machine's own once Node is swapped, or npm can lose the CA and the registry with it.
  if command -v npm >/dev/null 2>&1 && [ -z "${NPM_CONFIG_GLOBALCONFIG:-}" ]; then
    NPM_CONFIG_GLOBALCONFIG="$(npm config get globalconfig 2>/dev/null || true)"
    export NPM_CONFIG_GLOBALCONFIG
  fi
  if ! _board_node_ok "$_board_node"; then
    echo "Node $(node --version 2>/dev/null || echo 'is missing and') is older than 22.12: installing Node 22 from the npm registry into .tools/ ..." >&2
    (cd "$_board_tools" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
  if _board_node_ok "$_board_node"; then
    PATH="$(dirname "$_board_node"):$PATH"
    export PATH
  else
    echo "Could not install Node >= 22.12 into .tools/." >&2
    return 1 2>/dev/null || exit 1
  fi
fi
unset -f _board_node_ok
unset _board_tools _board_node
