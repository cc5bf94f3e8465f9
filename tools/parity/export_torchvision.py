#!/usr/bin/env python3
"""Reference outputs of torchvision backbones for fer4j's TorchvisionParityTest.

For each requested model: build it with a fixed seed (weights=None: nothing is downloaded), give
every BatchNorm random non-trivial running_mean/running_var and affine weight/bias, every
LayerNorm random affine parameters and ConvNeXt's layer_scale random values instead of 1e-6 (so
the residual blocks matter), switch to eval mode and save

  OUT/<model>/weights.safetensors          the state_dict (torchvision names, F32; I64 counters)
  OUT/convnext*/weights_timm.safetensors   the same tensors under timm's names (timm/models/convnext.py)
  OUT/<model>/io_<H>x<W>.safetensors       input (batch 2), logits and every stage's output

Stage names follow fer4j's StagedModel: ResNet stem (conv1, bn1, relu, maxpool), layer1..layer4;
ConvNeXt stem = features.0, stage1 = features.1, stage2 = features.2+3, stage3 = features.4+5,
stage4 = features.6+7.

The safetensors format (8-byte little-endian header length, JSON header, raw little-endian data;
huggingface/safetensors README) is written by hand: Debian has no safetensors package.

Usage: /usr/bin/python3 export_torchvision.py OUT --models resnet18,resnet50,convnext_tiny \
           --sizes 224x224,112x96 [--seed 0]
Also: export_torchvision.py --check-checkpoint CKPT MODEL CLASSES IO OUT_LOGITS
  loads a fer4j checkpoint with load_state_dict(strict=True) and writes its logits on IO's input.
"""
import argparse
import json
import os
import struct
import sys

import torch
import torchvision
from torch import nn

DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def write_safetensors(path, tensors, metadata=None):
    """Writes an ordered dict of tensors as safetensors, header padded with spaces to 8 bytes."""
    header = {"__metadata__": metadata} if metadata else {}
    blobs, offset = [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def read_safetensors(path):
    """Reads a safetensors file of F32/I64 tensors (enough for fer4j checkpoints)."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = {"F32": torch.float32, "I64": torch.int64}[info["dtype"]]
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype)
        out[name] = flat.reshape(info["shape"]).clone()
    return header.get("__metadata__", {}), out


def randomise(model):
    """Non-trivial normalisation statistics and layer scales, so every parameter matters."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
            elif isinstance(m, nn.LayerNorm):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
            if hasattr(m, "layer_scale"):
                m.layer_scale.uniform_(0.1, 1.0)


def stages(model, x):
    """Ordered (stage name, output) pairs and the logits, computed stage by stage."""
    out = {}
    if isinstance(model, torchvision.models.ResNet):
        x = model.maxpool(model.relu(model.bn1(model.conv1(x))))
        out["stem"] = x
        for i in range(1, 5):
            x = getattr(model, "layer%d" % i)(x)
            out["layer%d" % i] = x
        logits = model.fc(torch.flatten(model.avgpool(x), 1))
    else:
        f = model.features
        groups = {"stem": [0], "stage1": [1], "stage2": [2, 3], "stage3": [4, 5], "stage4": [6, 7]}
        for name, idx in groups.items():
            for i in idx:
                x = f[i](x)
            out[name] = x
        logits = model.classifier(model.avgpool(x))
    return out, logits


def timm_names(state):
    """torchvision ConvNeXt keys renamed the way timm's convnext.py names them (layer_scale (C,1,1)
    becomes gamma (C,)), so fer4j's timm name map is checked against a whole model."""
    out = {}
    for key, t in state.items():
        p = key.split(".")
        if p[0] == "features" and p[1] == "0":
            new = "stem.%s.%s" % (p[2], ".".join(p[3:]))
        elif p[0] == "features" and int(p[1]) % 2 == 0:
            new = "stages.%d.downsample.%s.%s" % (int(p[1]) // 2, p[2], ".".join(p[3:]))
        elif p[0] == "features":
            prefix = "stages.%d.blocks.%s." % (int(p[1]) // 2, p[2])
            if p[3] == "layer_scale":
                new, t = prefix + "gamma", t.reshape(-1)
            else:
                part = {"0": "conv_dw", "2": "norm", "3": "mlp.fc1", "5": "mlp.fc2"}[p[4]]
                new = prefix + part + "." + ".".join(p[5:])
        elif p[0] == "classifier":
            new = {"0": "head.norm.", "2": "head.fc."}[p[1]] + ".".join(p[2:])
        else:
            raise ValueError(key)
        out[new] = t
    return out


def export(out_dir, name, sizes, seed):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None)
    randomise(model)
    model.eval()
    target = os.path.join(out_dir, name)
    os.makedirs(target, exist_ok=True)
    meta = {"model": name, "seed": str(seed), "torch": torch.__version__,
            "torchvision": torchvision.__version__}
    write_safetensors(os.path.join(target, "weights.safetensors"), model.state_dict(), meta)
    if name.startswith("convnext"):
        write_safetensors(os.path.join(target, "weights_timm.safetensors"),
                          timm_names(model.state_dict()), dict(meta, names="timm"))
    for i, (h, w) in enumerate(sizes):
        x = torch.randn(2, 3, h, w)
        with torch.no_grad():
            feats, logits = stages(model, x)
            if i == len(sizes) - 1:
                # The stage split must reproduce torchvision's own forward (checked once: it is
                # the same code path at every size, and a second forward costs time).
                full = model(x)
                assert torch.allclose(logits, full, rtol=0, atol=1e-6), name
        tensors = {"input": x, "logits": logits}
        tensors.update(feats)
        write_safetensors(os.path.join(target, "io_%dx%d.safetensors" % (h, w)), tensors,
                          dict(meta, size="%dx%d" % (h, w)))
    print(name, "ok", flush=True)


def check_checkpoint(ckpt, name, classes, io_file, out_file):
    """A fer4j checkpoint must load strictly into torchvision; writes its logits on io's input."""
    _, state = read_safetensors(ckpt)
    model = getattr(torchvision.models, name)(weights=None, num_classes=classes)
    model.load_state_dict(state, strict=True)
    model.eval()
    _, io = read_safetensors(io_file)
    with torch.no_grad():
        logits = model(io["input"])
    write_safetensors(out_file, {"logits": logits}, {"model": name})
    print(name, "checkpoint ok", flush=True)


def main(argv):
    if argv and argv[0] == "--check-checkpoint":
        ckpt, name, classes, io_file, out_file = argv[1:6]
        check_checkpoint(ckpt, name, int(classes), io_file, out_file)
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out")
    p.add_argument("--models", default="resnet18,resnet50,convnext_tiny")
    p.add_argument("--sizes", default="224x224,112x96")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args(argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in a.sizes.split(",")]
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    for name in a.models.split(","):
        export(a.out, name, sizes, a.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
