import { spawnSync } from 'node:child_process';

/** A Python with PyTorch and torchvision: $CNN_PYTHON, Debian's /usr/bin/python3, or python3 on the PATH. */
export function torchPython(): string | undefined {
    const candidates = [process.env.CNN_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
    return candidates.find(python => spawnSync(python, ['-c', 'import torch, torchvision'], { stdio: 'ignore' }).status === 0);
}
