#!/usr/bin/env python3
"""Writes the state_dict key and shape list of torchvision backbones as text fixtures.

fer4j's ParameterNamesTest compares its blocks' torch-style parameter names against these lists
(see fer4j-core/src/test/resources/org/fer4j/models/torchvision-keys/). Regenerate with
    /usr/bin/python3 tools/parity/torchvision_keys.py fer4j-core/src/test/resources/org/fer4j/models/torchvision-keys
Only the architecture definitions are used (weights=None); nothing is downloaded.
Line format: "<key> <d0>x<d1>x...", scalars written as "<key> scalar".
"""
import os
import sys

import torchvision

MODELS = ["resnet18", "resnet34", "resnet50", "convnext_tiny", "convnext_base"]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name in MODELS:
        model = getattr(torchvision.models, name)()
        lines = []
        for key, tensor in model.state_dict().items():
            shape = "x".join(str(d) for d in tensor.shape) or "scalar"
            lines.append(f"{key} {shape}\n")
        with open(os.path.join(out_dir, name + ".txt"), "w") as f:
            f.writelines(lines)
        print(name, len(lines), "keys")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
