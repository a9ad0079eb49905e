#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) under
# $HOME/.cache/cnn-architect/code-server-4.100.3 for the real-editor tests (test/extension/).
# Idempotent: a finished install leaves a .complete marker and is reused. Its own install script
# refuses to run as root, so this does its steps by hand (see shared/notes/REAL-EDITOR-TESTS.md).
set -euo pipefail

VERSION=4.100.3
ROOT="${HOME}/.cache/cnn-architect/code-server-${VERSION}"
if [ -f "${ROOT}/.complete" ]; then
    echo "code-server ${VERSION} already installed at ${ROOT}"
    exit 0
fi

need=()
# Native modules (node-pty, kerberos, spdlog, argon2) are rebuilt from source: a C++ tool chain is needed.
for pkg in ripgrep chromium libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev pkg-config g++ make python3; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi

rm -rf "${ROOT}"
mkdir -p "${ROOT}"
cd "${ROOT}"
export npm_config_nodedir=/usr npm_config_yes=true
echo '{"name":"code-server-host","private":true}' > package.json
npm install "code-server@${VERSION}" --ignore-scripts --no-audit --no-fund
npm rebuild argon2
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm rebuild
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund)
touch "${ROOT}/.complete"
echo "code-server ${VERSION} installed at ${ROOT}"
