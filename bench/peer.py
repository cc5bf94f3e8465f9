#!/usr/bin/env python3
"""Python PyTorch peer for fer4j's model benchmark.

Times the same architecture, batch, input size and thread count as `./fer bench train|infer`:
random input, SGD (lr 0.01, momentum 0.9) on cross-entropy for training, eval-mode forward under
no_grad for inference; median of timed iterations after warm-up. Prints one JSON line.
Run with Debian's /usr/bin/python3 (python3-torch, python3-torchvision, libopenblas0-pthread).
"""
import argparse
import json
import os
import resource
import statistics
import sys
import time

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools", "reference"))


def build(name, classes, frames, size):
    if hasattr(torchvision.models, name):
        return getattr(torchvision.models, name)(num_classes=classes)
    import seed_models  # fer4j's seed models torchvision cannot build: tools/reference/
    return seed_models.build(name, classes, frames=frames, size=size)


def parse_size(s):
    parts = s.lower().split("x")
    return (int(parts[0]), int(parts[0])) if len(parts) == 1 else (int(parts[0]), int(parts[1]))


def matmul_gflops(n=4096, reps=3):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t0)
    return 2 * n ** 3 / min(times) / 1e9


def time_steps(step, warmup, iters):
    times = []
    for i in range(warmup + iters):
        t0 = time.perf_counter()
        step()
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model")
    p.add_argument("--mode", choices=["train", "infer"], default="train")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--size", default="224")
    p.add_argument("--frames", type=int, default=1)
    p.add_argument("--classes", type=int, default=1000)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--matmul", action="store_true", help="print the 4096 matmul GFLOPS and exit")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.matmul:
        print(json.dumps({"impl": "torch", "matmul_gflops": round(matmul_gflops(), 1),
                          "threads": torch.get_num_threads(), "torch": torch.__version__}))
        return
    h, w = parse_size(a.size)
    # Clips use PyTorch's video layout (N, C, T, H, W), as fer4j's clip models do.
    shape = (a.batch, 3, h, w) if a.frames == 1 else (a.batch, 3, a.frames, h, w)
    model = build(a.model, a.classes, a.frames, h)
    x = torch.randn(*shape)
    y = torch.randint(0, a.classes, (a.batch,))
    if a.mode == "train":
        model.train()
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
        loss_fn = torch.nn.CrossEntropyLoss()

        def step():
            opt.zero_grad(set_to_none=True)
            out = model(x)
            out = out[0] if isinstance(out, (tuple, list)) else out
            loss_fn(out, y).backward()
            opt.step()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    median = time_steps(step, a.warmup, a.iters)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"impl": "torch", "model": a.model, "mode": a.mode, "batch": a.batch,
                      "height": h, "width": w, "threads": torch.get_num_threads(),
                      "images_per_s": round(a.batch / median, 3), "median_step_s": round(median, 5),
                      "peak_rss_mb": round(rss_mb, 1), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
