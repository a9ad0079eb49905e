#!/usr/bin/env python3
"""PyTorch reference outputs for the compiler's tests (PyTorch 1.13, torchvision 0.14; Debian's
python3-torch and python3-torchvision).

  make-fixtures.py ops OUT_DIR            one small network per operator and option: NAME.cnn,
                                          NAME.safetensors (the state_dict), NAME.io.safetensors
                                          (input, then each output), a few KiB each
  make-fixtures.py torchvision NAME OUT   one torchvision model: weights.safetensors, io.safetensors

Weights are seeded random, batch norm's running statistics and affine parameters too (so a wrong
batch norm cannot pass), the model runs in eval mode, and the input is fixed. The safetensors
format is written here (8-byte header length, JSON header, raw little-endian data); tensors keep
the state_dict's order, which the importer relies on.
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {torch.float32: ('F32', 4), torch.int64: ('I64', 8)}


def save_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for key, t in tensors:
        t = t.detach().contiguous().cpu()
        if t.dtype not in DTYPES:
            t = t.float()
        name, _ = DTYPES[t.dtype]
        data = t.numpy().tobytes()
        header[key] = {'dtype': name, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for c in chunks:
            f.write(c)


def randomise(model, seed):
    """Non-trivial batch norm: γ, β, running mean and variance all random (and eps the default 1e-5,
    which is what the language's `bn` means)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.eps = 1e-5
                m.weight.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.copy_((torch.rand(m.bias.shape, generator=g) - 0.5) * 0.4)
                m.running_mean.copy_((torch.rand(m.running_mean.shape, generator=g) - 0.5) * 0.4)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=g) + 0.5)
                m.num_batches_tracked.fill_(7)
            if isinstance(m, nn.LayerNorm):
                m.weight.copy_(torch.rand(m.weight.shape, generator=g) + 0.5)
                m.bias.copy_((torch.rand(m.bias.shape, generator=g) - 0.5) * 0.4)
    model.eval()
    return model


# ---- building blocks mirroring the language ----

class Chain(nn.Module):
    """Statements in sequence; Tap items record side outputs and leave the main path unchanged."""
    def __init__(self, *items):
        super().__init__()
        self.items = nn.ModuleList(items)

    def forward(self, x, taps=None):
        for item in self.items:
            if isinstance(item, Tap):
                if taps is not None:
                    taps.append(item.body(x))
            else:
                x = item(x)
        return x


class Tap(nn.Module):
    def __init__(self, *items):
        super().__init__()
        self.body = Chain(*items)


class Residual(nn.Module):
    def __init__(self, body, shortcut=None):
        super().__init__()
        self.body = body
        self.shortcut = shortcut

    def forward(self, x):
        return self.body(x) + (self.shortcut(x) if self.shortcut is not None else x)


class Concat(nn.Module):
    def __init__(self, *branches):
        super().__init__()
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        return torch.cat([b(x) for b in self.branches], 1)


class Split(Concat):
    def forward(self, x):
        parts = torch.chunk(x, len(self.branches), 1)
        return torch.cat([b(p) for b, p in zip(self.branches, parts)], 1)


class Scale(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def forward(self, x):
        return x * self.body(x)


class Shuffle(nn.Module):
    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.shape
        return x.view(n, self.groups, c // self.groups, h, w).transpose(1, 2).reshape(n, c, h, w)


class SamePad(nn.Module):
    """TensorFlow's 'same' padding (the language's `pad same`): the extra pixel goes bottom/right."""
    def __init__(self, kernel, stride):
        super().__init__()
        self.kernel, self.stride = kernel, stride

    def forward(self, x):
        pads = []
        for size in (x.shape[3], x.shape[2]):
            out = -(-size // self.stride)
            total = max((out - 1) * self.stride + self.kernel - size, 0)
            pads += [total // 2, total - total // 2]
        return F.pad(x, pads)


class LayerNorm2d(nn.LayerNorm):
    """ConvNeXt's LayerNorm2d (eps 1e-6): over the channels at each position."""
    def __init__(self, channels):
        super().__init__(channels, eps=1e-6)

    def forward(self, x):
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class LayerScale(nn.Module):
    """ConvNeXt's layer_scale: one learned factor per channel, stored as [C, 1, 1]."""
    def __init__(self, channels):
        super().__init__()
        self.layer_scale = nn.Parameter(torch.rand(channels, 1, 1) + 0.5)

    def forward(self, x):
        return x * self.layer_scale


class Net(nn.Module):
    def __init__(self, chain):
        super().__init__()
        self.chain = chain

    def forward(self, x):
        taps = []
        y = self.chain(x, taps)
        return [y] + taps


def C(*items):
    return Chain(*items)


def conv_bn_relu(cin, cout, k=3, s=1, p=1):
    return C(nn.Conv2d(cin, cout, k, s, p, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


# The cases' modules are built (and initialised) right here, so seed first: the fixtures are reproducible.
torch.manual_seed(2024)

# Every case: (name, input C×H×W, .cnn body, PyTorch network). Inputs are small and odd-sized so
# padding, ceil mode and flatten order all show.
CASES = [
    ('conv-stride-pad', (3, 11, 11), 'conv 8 3x3 stride 2 pad 1\nconv 6 3x3 nobias', C(nn.Conv2d(3, 8, 3, 2, 1), nn.Conv2d(8, 6, 3, bias=False))),
    ('conv-asymmetric', (4, 9, 10), 'conv 6 1x7 pad 0x3 nobias\nconv 5 5x3 stride 2 pad 2x1',
     C(nn.Conv2d(4, 6, (1, 7), padding=(0, 3), bias=False), nn.Conv2d(6, 5, (5, 3), 2, (2, 1)))),
    ('conv-dilation', (3, 13, 13), 'conv 6 3x3 dilation 2 pad 2\nconv 4 3x3 dilation 2 stride 2 pad 1',
     C(nn.Conv2d(3, 6, 3, padding=2, dilation=2), nn.Conv2d(6, 4, 3, 2, 1, dilation=2))),
    ('conv-groups', (8, 7, 7), 'conv 8 3x3 groups 2 pad 1\nconv 8 1x1 groups 4 nobias\nconv 8 3x3 groups 8 pad 1\nconv 16 3x3 groups 8 stride 2',
     C(nn.Conv2d(8, 8, 3, padding=1, groups=2), nn.Conv2d(8, 8, 1, groups=4, bias=False), nn.Conv2d(8, 8, 3, padding=1, groups=8), nn.Conv2d(8, 16, 3, 2, groups=8))),
    ('conv-same', (3, 10, 9), 'conv 6 3x3 stride 2 pad same\nconv 4 4x4 pad same',
     C(SamePad(3, 2), nn.Conv2d(3, 6, 3, 2), SamePad(4, 1), nn.Conv2d(6, 4, 4))),
    ('dwconv', (6, 9, 9), 'dwconv 3x3 stride 2 pad 1\ndwconv 3x3 multiplier 2 nobias\ndwconv 5x5 pad 2',
     C(nn.Conv2d(6, 6, 3, 2, 1, groups=6), nn.Conv2d(6, 12, 3, groups=6, bias=False), nn.Conv2d(12, 12, 5, padding=2, groups=12))),
    ('maxpool', (3, 9, 9), 'maxpool 3x3 stride 2 pad 1\nmaxpool 2x2',
     C(nn.MaxPool2d(3, 2, 1), nn.MaxPool2d(2))),
    ('maxpool-ceil', (3, 8, 8), 'maxpool 3x3 stride 2 ceil\nmaxpool 2x2 stride 2 ceil\nmaxpool 3x3 stride 2 pad 1 ceil',
     C(nn.MaxPool2d(3, 2, ceil_mode=True), nn.MaxPool2d(2, 2, ceil_mode=True), nn.MaxPool2d(3, 2, 1, ceil_mode=True))),
    ('avgpool', (3, 9, 9), 'avgpool 3x3 stride 1 pad 1\navgpool 2x2\navgpool 3x3 stride 2 pad 1',
     C(nn.AvgPool2d(3, 1, 1), nn.AvgPool2d(2), nn.AvgPool2d(3, 2, 1))),
    ('avgpool-ceil', (3, 8, 8), 'avgpool 3x3 stride 2 ceil\navgpool 3x3 stride 2 pad 1 ceil',
     C(nn.AvgPool2d(3, 2, ceil_mode=True), nn.AvgPool2d(3, 2, 1, ceil_mode=True))),
    ('global-pools', (5, 6, 7), 'concat { branch { globalavgpool } branch { globalmaxpool } }\nflatten\nfc 3',
     C(Concat(nn.AdaptiveAvgPool2d(1), nn.AdaptiveMaxPool2d(1)), nn.Flatten(), nn.Linear(10, 3))),
    ('adaptive-pool', (4, 7, 7), 'concat { branch { adaptiveavgpool 3x3 } branch { adaptiveavgpool 7x7 avgpool 3x3 stride 2 } }\nadaptiveavgpool 5x4\nadaptiveavgpool 2x2',
     C(Concat(nn.AdaptiveAvgPool2d(3), C(nn.AdaptiveAvgPool2d(7), nn.AvgPool2d(3, 2))), nn.AdaptiveAvgPool2d((5, 4)), nn.AdaptiveAvgPool2d(2))),
    ('fc-flatten', (4, 3, 5), 'conv 6 1x1\nflatten\nfc 7, relu\ndropout 0.3\nfc 5 nobias',
     C(nn.Conv2d(4, 6, 1), nn.Flatten(), nn.Linear(90, 7), nn.ReLU(), nn.Dropout(0.3), nn.Linear(7, 5, bias=False))),
    ('fc-spatial', (4, 3, 3), 'fc 6\nrelu\nfc 4', C(nn.Flatten(), nn.Linear(36, 6), nn.ReLU(), nn.Linear(6, 4))),
    ('flatten-bn', (3, 4, 4), 'conv 4 3x3\nflatten\ndropout\nbn\nrelu\nfc 5\nbn',
     C(nn.Conv2d(3, 4, 3), nn.Flatten(), nn.Dropout(), nn.BatchNorm1d(16), nn.ReLU(), nn.Linear(16, 5), nn.BatchNorm1d(5))),
    ('flatten-output', (3, 4, 4), 'conv 2 3x3\nflatten', C(nn.Conv2d(3, 2, 3), nn.Flatten())),
    ('bn', (5, 6, 6), 'conv 5 3x3 pad 1 nobias, bn, relu\nbn', C(nn.Conv2d(5, 5, 3, padding=1, bias=False), nn.BatchNorm2d(5), nn.ReLU(), nn.BatchNorm2d(5))),
    ('activations', (4, 5, 5),
     'concat {\n branch { relu }\n branch { relu6 }\n branch { leakyrelu }\n branch { sigmoid }\n branch { hardsigmoid }\n branch { tanh }\n branch { silu }\n branch { hardswish }\n}',
     C(Concat(nn.ReLU(), nn.ReLU6(), nn.LeakyReLU(), nn.Sigmoid(), nn.Hardsigmoid(), nn.Tanh(), nn.SiLU(), nn.Hardswish()))),
    ('softmax', (4, 3, 3), 'softmax\nflatten\nfc 6\nsoftmax', C(nn.Softmax(1), nn.Flatten(), nn.Linear(36, 6), nn.Softmax(1))),
    ('lrn', (7, 4, 4), 'lrn\nlrn size 4\nlrn size 3', C(nn.LocalResponseNorm(5), nn.LocalResponseNorm(4), nn.LocalResponseNorm(3))),
    ('shuffle', (12, 3, 3), 'conv 12 1x1\nshuffle 3\nshuffle 4', C(nn.Conv2d(12, 12, 1), Shuffle(3), Shuffle(4))),
    ('residual', (8, 6, 6),
     'residual { conv 8 3x3 pad 1 nobias, bn, relu\n conv 8 3x3 pad 1 nobias, bn }\nrelu\n'
     'residual { conv 16 3x3 stride 2 pad 1 nobias, bn } shortcut projection\n'
     'residual { conv 16 1x1 } shortcut auto\n'
     'residual { conv 24 1x1 } shortcut auto\n'
     'residual { conv 24 1x1 } shortcut { conv 24 1x1 nobias }',
     C(Residual(C(nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))),
       nn.ReLU(),
       Residual(C(nn.Conv2d(8, 16, 3, 2, 1, bias=False), nn.BatchNorm2d(16)), C(nn.Conv2d(8, 16, 1, 2, bias=False), nn.BatchNorm2d(16))),
       Residual(nn.Conv2d(16, 16, 1)),
       Residual(nn.Conv2d(16, 24, 1), C(nn.Conv2d(16, 24, 1, bias=False), nn.BatchNorm2d(24))),
       Residual(nn.Conv2d(24, 24, 1), nn.Conv2d(24, 24, 1, bias=False)))),
    ('concat', (6, 5, 5), 'concat { branch {} branch grow { conv 4 3x3 pad 1 } * 2 branch { maxpool 3x3 stride 1 pad 1 conv 2 1x1 } }',
     C(Concat(nn.Identity(), nn.Conv2d(6, 4, 3, padding=1), nn.Conv2d(6, 4, 3, padding=1), C(nn.MaxPool2d(3, 1, 1), nn.Conv2d(6, 2, 1))))),
    ('split', (8, 4, 4), 'split { branch {} branch { conv 4 1x1, relu } }\nshuffle 2\nsplit { branch { split { branch {} branch { conv 2 1x1 } } } branch { conv 4 1x1 } }',
     C(Split(nn.Identity(), C(nn.Conv2d(4, 4, 1), nn.ReLU())), Shuffle(2), Split(Split(nn.Identity(), nn.Conv2d(2, 2, 1)), nn.Conv2d(4, 4, 1)))),
    ('scale', (8, 5, 5), 'scale { globalavgpool, conv 2 1x1, relu, conv 8 1x1, hardsigmoid }\nscale { conv 8 1x1, sigmoid }',
     C(Scale(C(nn.AdaptiveAvgPool2d(1), nn.Conv2d(8, 2, 1), nn.ReLU(), nn.Conv2d(2, 8, 1), nn.Hardsigmoid())), Scale(C(nn.Conv2d(8, 8, 1), nn.Sigmoid())))),
    ('tap', (4, 6, 6), 'conv 8 3x3 pad 1\ntap aux { globalavgpool, flatten, fc 3 }\nrelu\nconv 4 3x3 stride 2\ntap aux2 { flatten, fc 2 }\nglobalavgpool\nflatten\nfc 5',
     C(nn.Conv2d(4, 8, 3, padding=1), Tap(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3)), nn.ReLU(), nn.Conv2d(8, 4, 3, 2),
       Tap(nn.Flatten(), nn.Linear(16, 2)), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 5))),
    ('block-call', (3, 9, 9), 'B(8, 2)\nB(8)\nB(4, stride = 2)',
     C(conv_bn_relu(3, 8, 3, 2, 1), conv_bn_relu(8, 8), conv_bn_relu(8, 4, 3, 2, 1))),
    ('v2-ops', (4, 6, 6), 'conv 8 3x3 pad 1\ngelu\nlayernorm\nlayerscale\nstochasticdepth 0.1\nidentity\nconv 6 kernel (3, 2) stride (2, 1) pad (1, 0)\nflatten\nlayernorm\nfc 3',
     C(nn.Conv2d(4, 8, 3, padding=1), nn.GELU(), LayerNorm2d(8), LayerScale(8), nn.Conv2d(8, 6, (3, 2), (2, 1), (1, 0)), nn.Flatten(), nn.LayerNorm(90, eps=1e-6), nn.Linear(90, 3))),
]
BLOCKS = '\nblock B(c, stride = 1) { conv c 3x3 stride stride pad 1 nobias, bn, relu }\n'


def cnn_source(name, shape, body):
    indented = '\n'.join('    ' + line for line in body.split('\n'))
    return f'// {name}: generated by scripts/torch/make-fixtures.py\nnetwork Op {{\n    input {shape[0]}x{shape[1]}x{shape[2]}\n{indented}\n}}\n' + (BLOCKS if 'B(' in body else '')


def make_ops(out):
    os.makedirs(out, exist_ok=True)
    for seed, (name, shape, body, chain) in enumerate(CASES):
        with open(os.path.join(out, f'{name}.cnn'), 'w') as f:
            f.write(cnn_source(name, shape, body))
        torch.manual_seed(1000 + seed)
        net = randomise(Net(chain), seed)
        x = torch.randn(2, *shape)
        with torch.no_grad():
            outputs = net(x)
        save_safetensors(os.path.join(out, f'{name}.safetensors'), list(net.state_dict().items()))
        save_safetensors(os.path.join(out, f'{name}.io.safetensors'), [('input', x)] + [(f'output{i}', o) for i, o in enumerate(outputs)])
        print(name, [tuple(o.shape) for o in outputs])


# ---- torchvision models (CI only; big) ----

def torchvision_model(name):
    import torchvision.models as tvm
    if name == 'googlenet':
        return tvm.googlenet(weights=None, aux_logits=True, init_weights=True), 224, ['inception4a', 'inception4d'], ['aux1', 'aux2']
    if name == 'inception_v3':
        return tvm.inception_v3(weights=None, aux_logits=True, init_weights=True), 299, ['Mixed_6e'], ['AuxLogits']
    return getattr(tvm, name)(weights=None), 224, [], []


def make_torchvision(name, out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    model, size, tap_points, aux_modules = torchvision_model(name)
    randomise(model, 11)
    captured = {}
    for point in tap_points:
        getattr(model, point).register_forward_hook(lambda _m, _i, o, p=point: captured.__setitem__(p, o))
    x = torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        y = model(x)
        taps = [getattr(model, aux)(captured[point]) for point, aux in zip(tap_points, aux_modules)]
    save_safetensors(os.path.join(out, 'weights.safetensors'), list(model.state_dict().items()))
    save_safetensors(os.path.join(out, 'io.safetensors'), [('input', x), ('output0', y)] + [(f'output{i + 1}', t) for i, t in enumerate(taps)])


if __name__ == '__main__':
    torch.set_num_threads(2)
    if len(sys.argv) == 3 and sys.argv[1] == 'ops':
        make_ops(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == 'torchvision':
        make_torchvision(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
