#!/usr/bin/env python3
"""Multi-step training trajectories of the PyTorch references, for fer4j's TrajectoryParityTest.

Each case is a fer4j recipe (written out as recipe.json, so the Java side trains with exactly the
same hyper-parameters through its own TrainParts, schedule and TrainingLoop) plus a small model and
input size. The harness:
  1. builds the reference model with a fixed seed and non-trivial normalisation parameters
     (export_torchvision.randomise) and writes init.safetensors (state_dict);
  2. draws every batch (already "augmented" tensors: the test is about training, not about
     augmentation) and writes them, in order, to batches.safetensors (x<i>, y<i>[, t<i>]);
  3. trains in train mode (BatchNorm batch statistics) with torch.optim, the recipe's schedule
     stepped once per epoch (lr_scheduler LinearLR warm-up then StepLR / ExponentialLR /
     CosineAnnealingLR), the recipe's loss, label smoothing, gradient clipping, EMA and the
     centre-loss update;
  4. writes trajectory.json (loss and lr of every step) and final.safetensors: the weights and
     buffers after the last step, the optimiser state as <param>/exp_avg, <param>/exp_avg_sq,
     <param>/momentum, the EMA as ema/<name> and the centres as loss/centers.

Usage: /usr/bin/python3 trajectory.py OUT [--cases resnet18_ls_ema_clip,gcsa_cai_sgd,...] [--float64]
"""
import argparse
import json
import os
import sys

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "parity"))

import export_torchvision  # noqa: E402
from export_torchvision import randomise, write_safetensors  # noqa: E402
from seed_models import Aglf, Faer, GcsaResNet18, Lnlj  # noqa: E402
from trajectory_losses import LOSSES  # noqa: E402

EPOCHS, STEPS = 4, 5  # 20 optimiser steps; the schedule changes at epoch boundaries
# Input sizes keep every BatchNorm at >= 16 values per channel: BatchNorm over a handful of values
# (a 1x1 map at batch 4) turns rounding noise into large gradient differences within a few steps,
# which would hide what the comparison is for.


def recipe(name, model, options, input_size, frames, batch, optimizer, schedule, loss, **extra):
    """A fer4j recipe (TrainConfig JSON) for a case."""
    r = {"name": name, "model": model, "modelOptions": options, "numClasses": 7,
         "data": {"format": "rafdb", "root": "unused", "options": {}, "inputSize": input_size,
                  "frames": frames, "valFraction": 0.0},
         "epochs": EPOCHS, "batchSize": batch, "optimizer": optimizer, "schedule": schedule,
         "loss": loss, "gradClip": 0.0, "labelSmoothing": 0.0, "balancedSampling": False,
         "emaDecay": 0.0, "selectMetric": "war", "seed": 1, "workers": 0}
    r.update(extra)
    return r


def sgd(lr, momentum, wd, nesterov=False):
    return {"type": "sgd", "lr": lr, "momentum": momentum, "nesterov": nesterov,
            "weightDecay": wd, "backboneLrScale": 1.0}


def adamw(lr, wd):
    return {"type": "adamw", "lr": lr, "momentum": 0.0, "nesterov": False, "weightDecay": wd,
            "backboneLrScale": 1.0}


def sched(kind, step=0, gamma=0.0, warmup=0, min_lr=0.0):
    return {"type": kind, "stepSize": step, "gamma": gamma, "warmupEpochs": warmup, "minLr": min_lr}


def lnlj_case(fusion):
    return (lambda: Lnlj(7, unet_width=8, fusion=fusion), (4, 3, 64, 64), None,
            recipe("lnlj_" + fusion, "lnlj", {"unet_width": "8", "fusion": fusion}, 64, 1, 4,
                   sgd(1e-3, 0.9, 1e-4), sched("step", step=2, gamma=0.1),
                   {"type": "lnlj", "weights": {"regions": 1.0, "nonlocal": 0.0}}))


def resnet18():
    import torchvision
    return torchvision.models.resnet18(num_classes=7)


# name -> (model factory, batch input shape, attribute count or None, fer4j recipe)
CASES = {
    "resnet18_ls_ema_clip": (
        resnet18, (4, 3, 64, 64), None,
        recipe("resnet18_ls_ema_clip", "resnet18", {}, 64, 1, 4, sgd(0.05, 0.9, 5e-4, True),
               sched("cosine", warmup=1, min_lr=1e-4), {"type": "ce", "weights": {}},
               labelSmoothing=0.1, emaDecay=0.8, gradClip=1.0)),
    "gcsa_cai_sgd": (
        lambda: GcsaResNet18(7, frames=4, size=64), (2, 3, 4, 64, 64), None,
        recipe("gcsa_cai_sgd", "gcsa_resnet18", {"frames": "4", "size": "64"}, 64, 4, 2,
               sgd(1e-3, 0.9, 0.1), sched("step", step=2, gamma=0.5),
               {"type": "cai", "weights": {"aux": 0.05, "aux3": 0.0, "intensity": 0.1}})),
    "aglf_joint_adamw": (
        lambda: Aglf(7, depth=18), (4, 3, 96, 96), None,
        recipe("aglf_joint_adamw", "aglf_resnet18", {"drop_rate": "0"}, 96, 1, 4,
               adamw(5e-4, 0.05), sched("cosine", warmup=1), {"type": "joint_region", "weights": {}})),
    "faer_center_adamw": (
        lambda: Faer("tiny", 7, 40, "expression"), (2, 3, 32, 32), None,
        recipe("faer_center_adamw", "faer_convnext_tiny", {"heads": "expression"}, 32, 1, 2,
               adamw(1e-3, 0.01), sched("exponential", gamma=0.9),
               {"type": "faer", "weights": {"center": 0.01}})),
    "faer_focal_adamw": (
        lambda: Faer("tiny", 7, 40, "attributes"), (2, 3, 32, 32), 40,
        recipe("faer_focal_adamw", "faer_convnext_tiny", {"heads": "attributes"}, 32, 1, 2,
               adamw(1e-3, 0.01), sched("exponential", gamma=0.9),
               {"type": "faer_attributes", "weights": {"gamma": 2.0, "alpha": 0.8}})),
    "lnlj_features": lnlj_case("features"),
    "lnlj_logits": lnlj_case("logits"),
    "lnlj_losses": lnlj_case("losses"),
}


def optimizer_of(r, model):
    o = r["optimizer"]
    params = [p for p in model.parameters() if p.requires_grad]
    if o["type"] == "sgd":
        return torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"],
                               weight_decay=o["weightDecay"], nesterov=o["nesterov"])
    return torch.optim.AdamW(params, lr=o["lr"], weight_decay=o["weightDecay"])


def scheduler_of(r, opt):
    s, epochs = r["schedule"], r["epochs"]
    warm = s["warmupEpochs"]
    sched_ = torch.optim.lr_scheduler
    if s["type"] == "step":
        main = sched_.StepLR(opt, s["stepSize"], s["gamma"])
    elif s["type"] == "exponential":
        main = sched_.ExponentialLR(opt, s["gamma"])
    elif s["type"] == "cosine":
        main = sched_.CosineAnnealingLR(opt, max(1, epochs - warm), s["minLr"])
    else:
        main = sched_.LambdaLR(opt, lambda e: 1.0)
    if warm == 0:
        return main
    ramp = sched_.LinearLR(opt, start_factor=0.01, end_factor=1.0, total_iters=warm)
    return sched_.SequentialLR(opt, [ramp, main], milestones=[warm])


def draw_batches(shape, attributes, dtype):
    batches = []
    for _ in range(EPOCHS * STEPS):
        # drawn in float32, which fer4j's batches hold, then widened: identical inputs either way
        x = torch.randn(*shape).to(dtype)
        y = torch.randint(0, 7, (shape[0],))
        t = None if attributes is None else torch.randint(0, 2, (shape[0], attributes)).to(dtype)
        batches.append((x, y, t))
    return batches


def float_state(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()
            if v.is_floating_point()}


def run_case(out_dir, name, dtype):
    build, shape, attributes, r = CASES[name]
    torch.manual_seed(0)
    model = build().to(dtype)
    randomise(model)
    target = os.path.join(out_dir, name)
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "recipe.json"), "w") as f:
        json.dump(r, f, indent=2)
    write_safetensors(os.path.join(target, "init.safetensors"), float_state(model))
    batches = draw_batches(shape, attributes, dtype)
    tensors = {}
    for i, (x, y, t) in enumerate(batches):
        tensors["x%d" % i], tensors["y%d" % i] = x, y
        if t is not None:
            tensors["t%d" % i] = t
    write_safetensors(os.path.join(target, "batches.safetensors"), tensors)
    losses, lrs, extra = train(model, r, batches, dtype)
    write_safetensors(os.path.join(target, "final.safetensors"), final_state(model, extra))
    with open(os.path.join(target, "trajectory.json"), "w") as f:
        json.dump({"case": name, "torch": torch.__version__, "dtype": str(dtype),
                   "loss": losses, "lr": lrs}, f)
    print(name, "ok", "loss %.4f -> %.4f" % (losses[0], losses[-1]), flush=True)


def train(model, r, batches, dtype):
    model.train()
    opt = optimizer_of(r, model)
    scheduler = scheduler_of(r, opt)
    loss_fn = LOSSES[r["loss"]["type"]](r, model, dtype)
    ema = float_state(model) if r["emaDecay"] > 0 else None
    losses, lrs = [], []
    for epoch in range(r["epochs"]):
        for step in range(STEPS):
            x, y, t = batches[epoch * STEPS + step]
            opt.zero_grad(set_to_none=False)
            out = model(x)
            loss = loss_fn(out if isinstance(out, list) else [out], y, t)
            loss.backward()
            if r["gradClip"] > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), r["gradClip"])
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            losses.append(loss.item())
            if ema is not None:
                decay = r["emaDecay"]
                with torch.no_grad():
                    for k, v in float_state(model).items():
                        ema[k].mul_(decay).add_(v, alpha=1 - decay)
        scheduler.step()
    return losses, lrs, {"opt": opt, "ema": ema, "loss": loss_fn}


def final_state(model, extra):
    out = float_state(model)
    names = {id(p): n for n, p in model.named_parameters()}
    slots = {"exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq", "momentum_buffer": "momentum"}
    for p, state in extra["opt"].state.items():
        for key, slot in slots.items():
            if key in state and state[key] is not None:
                out["%s/%s" % (names[id(p)], slot)] = state[key]
    if extra["ema"] is not None:
        out.update({"ema/" + k: v for k, v in extra["ema"].items()})
    centers = getattr(extra["loss"], "centers", None)
    if centers is not None:
        out["loss/centers"] = centers
    return out


export_torchvision.DTYPES[torch.float64] = "F64"


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out")
    p.add_argument("--cases", default=",".join(CASES))
    p.add_argument("--float64", action="store_true")
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    dtype = torch.float64 if a.float64 else torch.float32
    for name in a.cases.split(","):
        run_case(a.out, name, dtype)


if __name__ == "__main__":
    main(sys.argv[1:])
