#!/usr/bin/env bash
# The Debian packages the test suite needs: Chromium (webview and compiler tests in a real browser,
# and the browser that drives code-server), PyTorch and torchvision (the compiler's reference
# outputs), and what code-server's native modules build against. Idempotent: installs only what
# is missing.
set -euo pipefail
packages=(chromium python3-torch python3-torchvision ripgrep pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "apt: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "apt: $(chromium --version 2>/dev/null || echo 'no chromium'); torch $(/usr/bin/python3 -c 'import torch, torchvision; print(torch.__version__, torchvision.__version__)' 2>/dev/null || echo missing)"
