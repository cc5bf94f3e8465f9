#!/usr/bin/env python3
"""PyTorch peer of `./fer demo`: trains the reference AGLF (seed_models.Aglf) with a fer4j recipe
on the demo's exact data and evaluates it as the demo does (docs/training.md, "Peer check: the
demo recipe in PyTorch").

The data come from `./fer demo --export-data DIR` (same seed and --images as the demo run): the
train/validation hold-out fer4j trains on, the clean test split and the occluded (FED-RO layout)
test split, as the pixels fer4j's decoder produced (uint8 .npy), so both pipelines see the same
images. The recipe JSON is read for everything it specifies:
  - model options (width, drop_rate), optimiser (AdamW lr, weight decay; torch's betas and eps,
    which are fer4j's AdamW defaults), batch size, epochs, label smoothing, joint region loss;
  - the learning rate per epoch exactly as org.fer4j.train.LearningRateSchedule: set once at the
    start of each epoch (cosine over the epochs after a linear warm-up from lr/100);
  - class-balanced sampling as fer4j's ClassBalancedSampler: WeightedRandomSampler with weight
    1/count(class), as many draws as training samples, with replacement; the last partial batch
    dropped (fer4j's loader drops it in training);
  - the `augment` steps as their torchvision namesakes on float images in [0,1] (see AUGMENT),
    then normalisation (the model's mean/std), then RandomErasing when listed;
  - evaluation as the demo: after every epoch WAR on the validation split, the best epoch (first
    strictly highest val WAR) is the reported checkpoint for the clean test split; the demo
    evaluates the occluded split with the weights in the model when training ends (the last
    epoch), so both occluded figures are written: `occluded_last` (what the demo prints) and
    `occluded_best`. Prediction is the argmax of the fused output (log of the mean softmax).

Usage (Debian's torch 1.13 on the CPU):
  nice -n 10 /usr/bin/python3 tools/reference/peer_demo.py --data DIR --recipe recipes/aglf-synth.json \
      --seed 42 --out result.json
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np

# On a loaded machine OpenMP's default busy-waiting made a 2-thread step 30-60x slower than a
# 1-thread one (threads spin while their partner is descheduled); passive waiting avoids it.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torchvision import transforms as T  # noqa: E402
from torchvision.transforms import InterpolationMode  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from seed_models import Aglf  # noqa: E402

# (mean, std) per model, as fer4j's ModelSpec preprocessing: AGLF takes RGB in [0,1] unchanged.
NORMALISATION = {"aglf_resnet18": ((0.0, 0.0, 0.0), (1.0, 1.0, 1.0))}


def augment_step(step, size):
    """One recipe step as its torchvision transform (fer4j's Augmentations names and defaults)."""
    kind = step["step"]
    if kind == "resize":
        return T.Resize((size, size), antialias=True)
    if kind == "random_resized_crop":
        return T.RandomResizedCrop(size, scale=tuple(step.get("scale", (0.08, 1.0))),
                                   ratio=tuple(step.get("ratio", (3 / 4, 4 / 3))),
                                   interpolation=InterpolationMode.BILINEAR, antialias=True)
    if kind == "hflip":
        return T.RandomHorizontalFlip(step.get("p", 0.5))
    if kind == "rotation":
        mode = InterpolationMode.NEAREST if step.get("interpolation") == "nearest" else InterpolationMode.BILINEAR
        return T.RandomRotation(step["degrees"], interpolation=mode, fill=0.0)
    if kind == "color_jitter":
        return T.ColorJitter(step.get("brightness", 0.0), step.get("contrast", 0.0),
                             step.get("saturation", 0.0), step.get("hue", 0.0))
    raise ValueError("augment step '%s' has no torchvision translation here" % kind)


def train_transform(recipe, size, mean, std):
    """The recipe's steps, then resize and normalisation, then random erasing (fer4j's order)."""
    steps, erasing = [], None
    for i, s in enumerate(recipe.get("augment", [])):
        if s["step"] == "random_erasing":
            if i != len(recipe["augment"]) - 1:
                raise ValueError("augment[%d]: random_erasing must be the last step" % i)
            erasing = T.RandomErasing(p=s.get("p", 0.5), value=0)
        else:
            steps.append(augment_step(s, size))
    steps += [T.Resize((size, size), antialias=True), T.Normalize(mean, std)]
    if erasing is not None:
        steps.append(erasing)
    return T.Compose(steps)


def lr_at(schedule, base, epochs, e):
    """org.fer4j.train.LearningRateSchedule.of(...).lr(e) for a 0-based epoch."""
    warmup = schedule.get("warmupEpochs", 0)
    if warmup and e < warmup:
        start = base / 100
        return start + (base - start) * e / warmup
    kind = schedule["type"]
    if kind == "none":
        return base
    if kind == "step":
        return base * schedule["gamma"] ** (e // schedule["stepSize"])
    if kind == "exponential":
        return base * schedule["gamma"] ** e
    if kind == "cosine":
        span = max(1, epochs - warmup)
        t = max(0, e - warmup)
        lo = schedule.get("minLr", 0.0)
        return lo + (base - lo) * 0.5 * (1 + math.cos(math.pi * min(t, span) / span))
    raise ValueError("schedule type %s" % kind)


class Split(torch.utils.data.Dataset):
    def __init__(self, x, y, transform):
        self.x = torch.from_numpy(x).permute(0, 3, 1, 2)  # (N, 3, H, W) uint8
        self.y = torch.from_numpy(y)
        self.transform = transform

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.transform(self.x[i].float() / 255), self.y[i]


def load(data, name):
    return np.load(os.path.join(data, name + "_x.npy")), np.load(os.path.join(data, name + "_y.npy"))


def build_model(recipe):
    if recipe["model"] not in NORMALISATION:
        raise ValueError("peer_demo.py builds aglf_resnet18 only, the recipe has %s" % recipe["model"])
    o = recipe.get("modelOptions", {})
    model = Aglf(recipe["numClasses"], depth=18, layer4=o.get("layer4", "false") == "true",
                 width=int(o.get("width", 64)), dropout=float(o.get("drop_rate", 0.5)))
    # fer4j's ResNetBlock initialises every Conv2d of a residual unit (CBAM's spatial conv too)
    # with kaiming_normal_(fan_out, relu), as torchvision's ResNet; the stem and ECA convs keep
    # their framework default (DJL's Xavier in fer4j, PyTorch's kaiming_uniform(a=sqrt 5) here).
    for name, m in model.named_modules():
        if isinstance(m, torch.nn.Conv2d) and name.startswith(("layer", "region")):
            torch.nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
    return model


def joint_loss(recipe, outputs, y):
    """AGLF's joint region loss: the sum of the region classifiers' cross-entropies."""
    if recipe["loss"]["type"] != "joint_region" or recipe["loss"].get("weights"):
        raise ValueError("peer_demo.py implements the joint region loss with equal weights only")
    eps = recipe.get("labelSmoothing", 0.0)
    return sum(F.cross_entropy(z, y, label_smoothing=eps) for z in outputs[1:])


@torch.no_grad()
def evaluate(model, x, y, classes, batch, mean, std):
    model.eval()
    norm = T.Normalize(mean, std)
    xs = torch.from_numpy(x).permute(0, 3, 1, 2)
    preds = []
    for i in range(0, len(y), batch):
        preds.append(model(norm(xs[i:i + batch].float() / 255))[0].argmax(1))
    pred = torch.cat(preds).numpy()
    recall = {}
    for k, name in enumerate(classes):
        support = int((y == k).sum())
        if support:
            recall[name] = float((pred[y == k] == k).mean())
    return {"war": float((pred == y).mean()), "uar": float(np.mean(list(recall.values()))),
            "recall": recall, "n": int(len(y))}


def train(args, recipe, meta):
    torch.manual_seed(args.seed)
    size = meta["size"]
    mean, std = NORMALISATION[recipe["model"]]
    xtr, ytr = load(args.data, "train")
    train_set = Split(xtr, ytr, train_transform(recipe, size, mean, std))
    batch = recipe["batchSize"]
    g = torch.Generator().manual_seed(args.seed)
    sampler = None
    if recipe.get("balancedSampling"):
        counts = np.bincount(ytr, minlength=recipe["numClasses"])
        sampler = torch.utils.data.WeightedRandomSampler(
            torch.from_numpy(1.0 / counts[ytr]), len(ytr), replacement=True, generator=g)
    loader = torch.utils.data.DataLoader(train_set, batch_size=batch, sampler=sampler,
                                         shuffle=sampler is None, generator=g,
                                         drop_last=len(ytr) > batch, num_workers=0)
    model = build_model(recipe)
    opt = recipe["optimizer"]
    if opt["type"] != "adamw" or opt.get("backboneLrScale", 1.0) != 1.0 or recipe.get("gradClip") or recipe.get("emaDecay"):
        raise ValueError("peer_demo.py implements AdamW without backbone scale, clipping or EMA")
    optimiser = torch.optim.AdamW(model.parameters(), lr=opt["lr"], betas=(0.9, 0.999), eps=1e-8,
                                  weight_decay=opt["weightDecay"])
    xval, yval = load(args.data, "val")
    epochs = args.epochs or recipe["epochs"]
    best, best_state, history = float("-inf"), None, []
    for e in range(epochs):
        lr = lr_at(recipe["schedule"], opt["lr"], epochs, e)
        for group in optimiser.param_groups:
            group["lr"] = lr
        model.train()
        t0, total, steps = time.time(), 0.0, 0
        for x, y in loader:
            loss = joint_loss(recipe, model(x), y)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, steps = total + loss.item(), steps + 1
        val = evaluate(model, xval, yval, meta["classes"], 256, mean, std)
        history.append({"epoch": e + 1, "lr": lr, "loss": total / steps, "val_war": val["war"],
                        "seconds": round(time.time() - t0, 1)})
        print("epoch %2d lr %.6f loss %.4f val WAR %.4f (%.0f s)" % (
            e + 1, lr, total / steps, val["war"], time.time() - t0), flush=True)
        if val["war"] > best:
            best, best_epoch = val["war"], e + 1
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    return model, best_state, best_epoch, history


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", required=True, help="folder written by ./fer demo --export-data")
    p.add_argument("--recipe", required=True, help="fer4j recipe JSON (recipes/aglf-synth.json)")
    p.add_argument("--seed", type=int, default=42, help="torch seed (the demo's --seed)")
    p.add_argument("--epochs", type=int, default=0, help="override the recipe's epochs")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", help="result JSON")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    with open(args.recipe) as f:
        recipe = json.load(f)
    with open(os.path.join(args.data, "meta.json")) as f:
        meta = json.load(f)
    t0 = time.time()
    model, best_state, best_epoch, history = train(args, recipe, meta)
    mean, std = NORMALISATION[recipe["model"]]
    classes = meta["classes"]
    xo, yo = load(args.data, "occluded")
    occluded_last = evaluate(model, xo, yo, classes, 256, mean, std)
    model.load_state_dict(best_state)
    clean = evaluate(model, *load(args.data, "test"), classes, 256, mean, std)
    occluded_best = evaluate(model, xo, yo, classes, 256, mean, std)
    result = {"recipe": recipe["name"], "seed": args.seed, "data": meta, "best_epoch": best_epoch,
              "clean": clean, "occluded_last": occluded_last, "occluded_best": occluded_best,
              "history": history, "torch": torch.__version__, "threads": args.threads,
              "wall_seconds": round(time.time() - t0, 1)}
    weakest = min(clean["recall"], key=clean["recall"].get)
    print("peer: clean WAR %.1f %% UAR %.1f %% (best val epoch %d), min recall %.1f %% %s, "
          "occluded WAR %.1f %% (last epoch; %.1f %% with the best)" % (
              100 * clean["war"], 100 * clean["uar"], best_epoch, 100 * clean["recall"][weakest], weakest,
              100 * occluded_last["war"], 100 * occluded_best["war"]))
    print("recall: " + ", ".join("%s %.1f" % (k, 100 * v) for k, v in clean["recall"].items()))
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
