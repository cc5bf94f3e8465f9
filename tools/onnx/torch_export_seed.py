#!/usr/bin/env python3
"""The PyTorch reference of a seed model exported with torch.onnx.export, for ONNX comparison.

Builds the model as tools/reference/export_seed.py does (same seed, same randomised statistics,
eval mode) and writes OUT/<model>/weights.safetensors (state_dict without num_batches_tracked),
OUT/<model>/io.safetensors (the input) and OUT/<model>/torch.onnx: torch.onnx.export at opset 17
with the input named 'input', the outputs 'logits', 'output_1', ... and a dynamic batch axis,
the names fer4j's own export uses. TorchOnnxComparisonTest runs both files in ONNX Runtime.

Usage: /usr/bin/python3 torch_export_seed.py OUT [--model aglf_resnet18] [--seed 0]
"""
import argparse
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "reference"))
sys.path.insert(0, os.path.join(HERE, "..", "parity"))

from export_seed import build_and_save  # noqa: E402
from export_torchvision import write_safetensors  # noqa: E402


def export(out_dir, name, seed):
    model, x, target, meta = build_and_save(out_dir, name, seed)
    write_safetensors(os.path.join(target, "io.safetensors"), {"input": x}, meta)
    with torch.no_grad():
        count = len(model(x))
    outputs = ["logits"] + ["output_%d" % i for i in range(1, count)]
    torch.onnx.export(
        model, (x,), os.path.join(target, "torch.onnx"), opset_version=17,
        input_names=["input"], output_names=outputs,
        dynamic_axes={n: {0: "batch"} for n in ["input"] + outputs})
    print(name, "exported by torch", torch.__version__, flush=True)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out")
    p.add_argument("--model", default="aglf_resnet18")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    export(a.out, a.model, a.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
