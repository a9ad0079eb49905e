#!/bin/sh
# PyTorch 1.13 and torchvision 0.14 from Debian (about 1 GB, 2 minutes): the reference the
# compiler's tests compare against (test/compiler/torchvision.test.ts generates each torchvision
# network's weights and outputs on the fly; the per-operator fixtures are committed). Idempotent.
set -e
if /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
SUDO=''
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends python3-torch python3-torchvision
/usr/bin/python3 -c 'import torch, torchvision; print("torch", torch.__version__, "torchvision", torchvision.__version__)'
