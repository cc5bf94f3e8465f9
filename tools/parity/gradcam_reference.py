#!/usr/bin/env python3
"""Reference Grad-CAM and Grad-CAM++ maps for fer4j's GradCamParityTest, and the Python peer of
bench/explain.sh.

Torchvision ResNet-18 with seeded random weights and non-trivial BatchNorm statistics (the same
randomisation as export_torchvision.py), eval mode. The maps are computed by hand with autograd,
no extra package: the stages up to the target layer run without gradients, their output becomes a
leaf that requires a gradient, the rest of the network runs from it, and torch.autograd.grad gives
g = dS/dA for the class score S (the logit). Then

  Grad-CAM   (Selvaraju et al., arXiv:1610.02391):   w_k = mean_ij g_kij
  Grad-CAM++ (Chattopadhyay et al., arXiv:1710.11063, exponential-score closed form):
             alpha_kij = g^2 / (2 g^2 + sum_ab A_kab * g^3)  (zero denominators -> 1)
             w_k = sum_ij alpha_kij * relu(g_kij)
  raw = relu(sum_k w_k A_k); map = min-max normalised bilinear upsampling (align_corners=False)
  of raw to the input size (a constant map becomes zeros).

Writes OUT/weights.safetensors (torchvision names) and OUT/cams.safetensors with the input, the
logits and, per case NAME, NAME.raw (N,h,w), NAME.map (N,H,W), NAME.class (N, I64) and NAME.prob.

Usage: /usr/bin/python3 gradcam_reference.py OUT [--size 128x112] [--seed 0]
       /usr/bin/python3 gradcam_reference.py --bench --model resnet18 --size 112 [--threads N]
           prints one JSON line: median ms of one explanation (batch 1) per method
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_torchvision import randomise, write_safetensors  # noqa: E402

LAYERS = ["stem", "layer1", "layer2", "layer3", "layer4"]
# (case name, method, layer, class or None for the predicted one)
CASES = [
    ("gradcam_layer4_pred", "gradcam", "layer4", None),
    ("gradcampp_layer4_pred", "gradcampp", "layer4", None),
    ("gradcam_layer4_c7", "gradcam", "layer4", 7),
    ("gradcampp_layer4_c7", "gradcampp", "layer4", 7),
    ("gradcam_layer3_pred", "gradcam", "layer3", None),
    ("gradcampp_layer3_pred", "gradcampp", "layer3", None),
]


def run_stage(model, name, x):
    if name == "stem":
        return model.maxpool(model.relu(model.bn1(model.conv1(x))))
    return getattr(model, name)(x)


def forward_from(model, layer, a):
    for name in LAYERS[LAYERS.index(layer) + 1:]:
        a = run_stage(model, name, a)
    return model.fc(torch.flatten(model.avgpool(a), 1))


def explain(model, x, layer, method, target=None):
    """Returns raw map, normalised upsampled map, class indices and their probabilities."""
    with torch.no_grad():
        a = x
        for name in LAYERS[: LAYERS.index(layer) + 1]:
            a = run_stage(model, name, a)
    a = a.detach().requires_grad_(True)
    logits = forward_from(model, layer, a)
    classes = logits.argmax(1) if target is None else torch.full((x.shape[0],), target)
    score = logits.gather(1, classes[:, None]).sum()
    (g,) = torch.autograd.grad(score, a)
    a = a.detach()
    if method == "gradcam":
        weights = g.mean(dim=(2, 3))
    else:
        g2 = g * g
        g3 = g2 * g
        denominator = 2 * g2 + a.sum(dim=(2, 3), keepdim=True) * g3
        denominator = torch.where(denominator != 0, denominator, torch.ones_like(denominator))
        weights = (g2 / denominator * F.relu(g)).sum(dim=(2, 3))
    raw = F.relu((weights[:, :, None, None] * a).sum(1))
    up = F.interpolate(raw[:, None], size=x.shape[2:], mode="bilinear", align_corners=False)[:, 0]
    flat = up.flatten(1)
    low = flat.min(1, keepdim=True).values
    span = flat.max(1, keepdim=True).values - low
    span = torch.where(span > 0, span, torch.ones_like(span))
    cam = ((flat - low) / span).view_as(up)
    prob = torch.softmax(logits.detach(), 1).gather(1, classes[:, None])[:, 0]
    return raw, cam, classes, prob, logits.detach()


def build(name, seed):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None)
    randomise(model)
    model.eval()
    model.requires_grad_(False)  # only the stage gradient is needed, as in fer4j
    return model


def reference(out, h, w, seed):
    os.makedirs(out, exist_ok=True)
    model = build("resnet18", seed)
    meta = {"model": "resnet18", "seed": str(seed), "torch": torch.__version__}
    write_safetensors(os.path.join(out, "weights.safetensors"), model.state_dict(), meta)
    x = torch.randn(2, 3, h, w)
    tensors = {"input": x}
    for name, method, layer, target in CASES:
        raw, cam, classes, prob, logits = explain(model, x, layer, method, target)
        tensors.update({name + ".raw": raw.detach(), name + ".map": cam.detach(),
                        name + ".class": classes.to(torch.int64), name + ".prob": prob})
        tensors["logits"] = logits
    write_safetensors(os.path.join(out, "cams.safetensors"), tensors, dict(meta, size="%dx%d" % (h, w)))
    print("gradcam reference ok", flush=True)


def bench(name, h, w, threads, warmup, iters):
    torch.set_num_threads(threads)
    model = build(name, 0)
    x = torch.randn(1, 3, h, w)
    result = {"impl": "torch", "model": name, "size": "%dx%d" % (h, w), "threads": threads}
    for method in ("gradcam", "gradcampp"):
        times = []
        for i in range(warmup + iters):
            t0 = time.perf_counter()
            explain(model, x, "layer4", method)
            if i >= warmup:
                times.append(time.perf_counter() - t0)
        result[method + "_ms"] = round(statistics.median(times) * 1000, 2)
    print(json.dumps(result))


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out", nargs="?")
    p.add_argument("--size", default="128x112")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--bench", action="store_true")
    p.add_argument("--model", default="resnet18")
    p.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=10)
    a = p.parse_args(argv)
    parts = [int(v) for v in a.size.lower().split("x")]
    h, w = (parts[0], parts[0]) if len(parts) == 1 else parts
    if a.bench:
        bench(a.model, h, w, a.threads, a.warmup, a.iters)
        return
    if not a.out:
        p.error("OUT is required unless --bench is given")
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    reference(a.out, h, w, a.seed)


if __name__ == "__main__":
    main(sys.argv[1:])
