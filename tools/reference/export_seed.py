#!/usr/bin/env python3
"""Reference outputs of fer4j's seed models for SeedParityTest.

For each model: build the PyTorch reference (seed_models.py) with a fixed seed, give every
BatchNorm and LayerNorm non-trivial statistics and affine parameters and ConvNeXt's layer scales
values far from 1e-6 (export_torchvision.randomise), switch to eval mode, and
save OUT/<model>/weights.safetensors (state_dict without num_batches_tracked) and
OUT/<model>/io.safetensors (input and outputs out0, out1, ...).

Usage: /usr/bin/python3 export_seed.py OUT [--models gcsa_resnet18,aglf_resnet50,faer_convnext_tiny,...] [--seed 0]
"""
import argparse
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "parity"))

from export_torchvision import randomise, write_safetensors  # noqa: E402
from seed_models import Aglf, Faer, GcsaResNet18, Lnlj  # noqa: E402

# Small sizes keep the test fast; they must match SeedParityTest.
CASES = {
    "gcsa_resnet18": (lambda: GcsaResNet18(7, frames=4, size=64), (2, 3, 4, 64, 64)),
    "aglf_resnet18": (lambda: Aglf(7, depth=18), (2, 3, 64, 64)),
    "aglf_resnet50": (lambda: Aglf(7, depth=50), (2, 3, 64, 64)),
    "lnlj": (lambda: Lnlj(7, unet_depth=4, unet_width=8, nonlocal_head=True), (2, 3, 64, 64)),
    # joint heads, so that the expression logits, the attribute logits and f are all compared
    "faer_convnext_tiny": (lambda: Faer("tiny", 7, 40, "joint"), (2, 3, 96, 96)),
    "faer_convnext_base": (lambda: Faer("base", 7, 40, "joint"), (1, 3, 64, 64)),
}


def build_and_save(out_dir, name, seed):
    """Builds CASES[name] seeded and randomised in eval mode, writes OUT/<name>/weights.safetensors
    and returns (model, input, target folder, metadata) for the caller's outputs."""
    torch.manual_seed(seed)
    build, shape = CASES[name]
    model = build()
    randomise(model)
    model.eval()
    target = os.path.join(out_dir, name)
    os.makedirs(target, exist_ok=True)
    state = {k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}
    meta = {"model": name, "seed": str(seed), "torch": torch.__version__}
    write_safetensors(os.path.join(target, "weights.safetensors"), state, meta)
    return model, torch.rand(*shape), target, meta


def export(out_dir, name, seed):
    model, x, target, meta = build_and_save(out_dir, name, seed)
    with torch.no_grad():
        outs = model(x)
    tensors = {"input": x}
    tensors.update({"out%d" % i: o for i, o in enumerate(outs)})
    write_safetensors(os.path.join(target, "io.safetensors"), tensors, meta)
    print(name, "ok", flush=True)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out")
    p.add_argument("--models", default=",".join(CASES))
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    for name in a.models.split(","):
        export(a.out, name, a.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
