"""The losses of fer4j's recipes in plain PyTorch, for trajectory.py. Each entry builds a callable
loss(outputs, labels, attribute_targets) from a fer4j recipe; written from the papers' formulas
and, where they exist, the authors' public code (cited per loss), not from fer4j's Java.
"""
import torch
import torch.nn.functional as F


def smoothing(r):
    return r.get("labelSmoothing", 0.0)


def ce_loss(r, model, dtype):
    eps = smoothing(r)
    return lambda out, y, t: F.cross_entropy(out[0], y, label_smoothing=eps)


def intensity_aware(logits, y):
    """IAL as muse1998/IAL-for-Facial-Expression-Recognition main.py computes it: every class but
    the target and the hardest non-target masked to -9999, then cross-entropy."""
    target = F.one_hot(y, logits.shape[1]).bool()
    runner_up = logits.masked_fill(target, float("-inf")).argmax(1)
    keep = target | F.one_hot(runner_up, logits.shape[1]).bool()
    return F.cross_entropy(logits.masked_fill(~keep, -9999.0), y)


def cai_loss(r, model, dtype):
    w = r["loss"]["weights"]
    eps = smoothing(r)

    def loss(out, y, t):
        # the public code keeps the layer-3 head in the loss at weight 0 (CE(output3)*0): it gets a
        # zero gradient, so SGD still applies weight decay and momentum to it
        total = F.cross_entropy(out[0], y, label_smoothing=eps)
        total = total + w.get("aux", 0.05) * F.cross_entropy(out[1], y, label_smoothing=eps)
        total = total + w.get("aux3", 0.0) * F.cross_entropy(out[2], y, label_smoothing=eps)
        return total + w.get("intensity", 0.1) * intensity_aware(out[0], y)

    return loss


def joint_region_loss(r, model, dtype):
    eps = smoothing(r)
    return lambda out, y, t: sum(F.cross_entropy(z, y, label_smoothing=eps) for z in out[1:])


class CenterExpressionLoss:
    """FAER's CE + lambda * 1/(2N) sum ||f - c_y||^2 with Wen et al.'s (ECCV 2016) centre update
    c_j -= alpha * sum_{y_i=j}(c_j - f_i) / (1 + n_j) after each step; centres start at zero."""

    def __init__(self, r, model, dtype, alpha=0.5):
        self.weight = r["loss"]["weights"].get("center", 0.01)
        self.eps = smoothing(r)
        self.alpha = alpha
        width = model.norm.normalized_shape[0]
        self.centers = torch.zeros(r["numClasses"], width, dtype=dtype)

    def __call__(self, out, y, t):
        f = out[-1]
        center = 0.5 * ((f - self.centers[y]) ** 2).sum() / f.shape[0]
        loss = F.cross_entropy(out[0], y, label_smoothing=self.eps) + self.weight * center
        with torch.no_grad():
            hot = F.one_hot(y, self.centers.shape[0]).to(f.dtype)
            counts = hot.sum(0).unsqueeze(1)
            delta = (self.centers * counts - hot.t() @ f.detach()) / (1 + counts)
            self.centers = self.centers - self.alpha * delta
        return loss


def focal_bce_loss(r, model, dtype):
    """FAER paper Eq. 7 on sigmoid outputs, -(1/N) sum_n sum_a [a (1-p)^g q log p + (1-a) p^g
    (1-q) log(1-p)]; without alpha both weights are 1."""
    w = r["loss"]["weights"]
    gamma, alpha = w.get("gamma", 2.0), w.get("alpha")

    def loss(out, y, q):
        z = out[0]
        p = torch.sigmoid(z)
        pos = (1 - p) ** gamma * q * F.logsigmoid(z)
        neg = p ** gamma * (1 - q) * F.logsigmoid(-z)
        if alpha is not None:
            pos, neg = alpha * pos, (1 - alpha) * neg
        return -(pos + neg).sum(1).mean()

    return loss


def lnlj_loss(r, model, dtype):
    """CE(fused) + beta_r sum_k CE(z_k) [+ beta_nl CE(z_nonlocal)]; with fusion 'losses' the
    fused term is sum_k w_k CE(z_k) per sample, the region weights w in the loss."""
    w = r["loss"]["weights"]
    regions, nonlocal_weight = w.get("regions", 1.0), w.get("nonlocal", 0.0)
    fusion = r["modelOptions"].get("fusion", "features")
    k = model.regions

    def loss(out, y, t):
        zs = out[1:1 + k]
        if fusion == "losses":
            per_region = torch.stack([F.cross_entropy(z, y, reduction="none") for z in zs], 1)
            total = (out[1 + k] * per_region).sum(1).mean()
        else:
            total = F.cross_entropy(out[0], y)
        total = total + regions * sum(F.cross_entropy(z, y) for z in zs)
        if nonlocal_weight:
            total = total + nonlocal_weight * F.cross_entropy(out[2 + k], y)
        return total

    return loss


LOSSES = {
    "ce": ce_loss,
    "cai": cai_loss,
    "joint_region": joint_region_loss,
    "faer": CenterExpressionLoss,
    "faer_attributes": focal_bce_loss,
    "lnlj": lnlj_loss,
}
