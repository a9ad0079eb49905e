#!/usr/bin/env python3
"""Saves a PyTorch checkpoint's state_dict as safetensors in the state_dict's own order, which
`cnn compile/run --weights` relies on (safetensors.torch.save_file sorts tensors by name).

  state-dict-to-safetensors.py IN.pth OUT.safetensors        a saved state_dict (torch.save)
  state-dict-to-safetensors.py torchvision:resnet18 OUT      a torchvision model's state_dict
                                                             (its default init; weights=None)
"""
import importlib.util
import os
import sys

import torch


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, out = sys.argv[1], sys.argv[2]
    if source.startswith('torchvision:'):
        import torchvision.models as models
        state = getattr(models, source.split(':', 1)[1])(weights=None).state_dict()
    else:
        state = torch.load(source, map_location='cpu')
        state = state.get('state_dict', state) if isinstance(state, dict) else state.state_dict()
    spec = importlib.util.spec_from_file_location('fixtures', os.path.join(os.path.dirname(__file__), 'make-fixtures.py'))
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    fixtures.save_safetensors(out, list(state.items()))


if __name__ == '__main__':
    main()
