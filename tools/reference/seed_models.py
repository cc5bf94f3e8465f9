"""PyTorch reference versions of fer4j's seed models that torchvision cannot build, written from
shared/METHODS.md sections 1, 2 and 4 (GCA+IAL, AGLF at MA-Net size, LNLJ). Names follow fer4j's
PyTorch-style parameter names so one safetensors file loads strictly into both.
"""
import torch
import torch.nn.functional as F
from torch import nn

from seed_layers import BasicBlock, Blocks, Cbam, Eca, Gca, NonLocal, Transformer, UNet, bn


def half(size, times):
    for _ in range(times):
        size = (size + 1) // 2
    return size


class GcsaResNet18(nn.Module):
    """Clips (B, 3, T, H, W) -> [logits, aux_layer2, aux_layer3] (METHODS.md section 1)."""

    def __init__(self, classes=7, frames=16, size=112):
        super().__init__()
        self.frames = frames
        tokens = half(size, 5) ** 2
        self.conv1 = nn.Conv2d(3, 64, 3, 2, 1, bias=False)
        self.bn1 = bn(64)
        self.conv2 = nn.Conv2d(64, 64, 3, 1, 1, bias=False)
        self.bn2 = bn(64)
        self.layer1 = BasicBlock(64, 64)
        self.layer2 = BasicBlock(64, 128, 2, Gca(128, half(size, 3), frames, classes))
        self.layer3 = BasicBlock(128, 256, 2, Gca(256, half(size, 4), frames, classes))
        self.dynamic = Blocks(BasicBlock(256, 256, 2), BasicBlock(256, 256), BasicBlock(256, 256))
        self.static_conv = nn.Conv2d(256, 256, 3, 2, 1, bias=False)
        self.static_bn = bn(256)
        self.static_pos = nn.Parameter(torch.randn(1, tokens, 256))
        self.spatial = Transformer(256, 2, 4, 32, 256)
        self.temporal_pos = nn.Parameter(torch.randn(1, frames, 256 * tokens))
        self.temporal = Transformer(256 * tokens, 2, 4, 32, 512)
        self.fc = nn.Linear(256 * tokens, classes)

    def forward(self, clip):
        b, c, t, h, w = clip.shape
        x = clip.transpose(1, 2).reshape(b * t, c, h, w)
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 3, 2, 1)
        x = self.layer1(x)[0]
        x, aux2 = self.layer2(x)
        f, aux3 = self.layer3(x)
        f5 = f.reshape(b, t, *f.shape[1:])
        later = f5[:, 1:].reshape(b * (t - 1), *f.shape[1:])
        earlier = f5[:, :-1].reshape(b * (t - 1), *f.shape[1:])
        dyn = self.dynamic(later - earlier)
        st = F.relu(self.static_bn(self.static_conv(earlier)))
        n, ch, sh, sw = st.shape
        tok = self.spatial(st.flatten(2).transpose(1, 2) + self.static_pos)
        st = tok.transpose(1, 2).reshape(n, ch, sh, sw)
        fused = (st + dyn).reshape(b, t - 1, -1) + self.temporal_pos[:, : t - 1]
        logits = self.fc(self.temporal(fused).mean(1))
        return [logits, aux2, aux3]


class AglfResNet18(nn.Module):
    """AGLF at MA-Net size: conv1 + layer1 + layer2 shared, ECA, 2x2 regions each with its own
    CBAM layer3 (s2) and layer4 (s1), four classifiers, fused = log(mean softmax)."""

    def __init__(self, classes=7):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = bn(64)
        self.layer1 = Blocks(BasicBlock(64, 64), BasicBlock(64, 64))
        self.layer2 = Blocks(BasicBlock(64, 128, 2), BasicBlock(128, 128))
        self.eca = Eca(128)
        for r in range(4):
            region = nn.Sequential(
                Blocks(BasicBlock(128, 256, 2, Cbam(256)), BasicBlock(256, 256, 1, Cbam(256))),
                Blocks(BasicBlock(256, 512, 1, Cbam(512)), BasicBlock(512, 512, 1, Cbam(512))))
            setattr(self, "region%d" % r, region)
        for r in range(4):
            setattr(self, "fc%d" % r, nn.Linear(512, classes))

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        x = self.eca(self.layer2(self.layer1(x)))
        h, w = x.shape[2] // 2, x.shape[3] // 2
        parts = [x[:, :, :h, :w], x[:, :, :h, w:], x[:, :, h:, :w], x[:, :, h:, w:]]
        logits = [getattr(self, "fc%d" % r)(getattr(self, "region%d" % r)(p).mean((2, 3)))
                  for r, p in enumerate(parts)]
        fused = torch.stack([z.softmax(-1) for z in logits]).mean(0).log()
        return [fused] + logits


def small_resnet(inp, widths, with_nonlocal):
    layers = [nn.Conv2d(inp, 64, 3, 2, 1, bias=False), bn(64), nn.ReLU()]
    c = 64
    for i, wdt in enumerate(widths):
        layers.append(BasicBlock(c, wdt, 2))
        c = wdt
        if with_nonlocal and i == 0:
            layers.append(NonLocal(c))
    return Blocks(*layers)


class Lnlj(nn.Module):
    """LNLJ (METHODS.md section 4): U-Net map, 2x2 regions each with its own small ResNet,
    non-local network giving softmax region weights, weighted fusion of the 512-d features."""

    def __init__(self, classes=7, unet_depth=4, unet_width=16):
        super().__init__()
        self.unet = UNet(3, unet_depth, unet_width)
        for k in range(4):
            setattr(self, "local%d" % k, small_resnet(unet_width, [128, 256, 512], False))
            setattr(self, "local_fc%d" % k, nn.Linear(512, classes))
        setattr(self, "nonlocal", small_resnet(unet_width, [128, 256], True))
        self.weight_fc = nn.Linear(256, 4)
        self.nonlocal_fc = nn.Linear(256, classes)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        m = self.unet(x)
        h, w = m.shape[2] // 2, m.shape[3] // 2
        parts = [m[:, :, :h, :w], m[:, :, :h, w:], m[:, :, h:, :w], m[:, :, h:, w:]]
        feats = [getattr(self, "local%d" % k)(p).mean((2, 3)) for k, p in enumerate(parts)]
        logits = [getattr(self, "local_fc%d" % k)(f) for k, f in enumerate(feats)]
        g = getattr(self, "nonlocal")(m).mean((2, 3))
        weights = self.weight_fc(g).softmax(-1)
        fused = (torch.stack(feats, 1) * weights.unsqueeze(2)).sum(1)
        return [self.fc(fused)] + logits + [weights, self.nonlocal_fc(g)]


def build(name, classes, frames=16, size=112):
    """The reference model registered in fer4j under `name` (used by bench/peer.py)."""
    if name == "gcsa_resnet18":
        return GcsaResNet18(classes, frames=frames, size=size)
    if name == "aglf_resnet18":
        return AglfResNet18(classes)
    if name == "lnlj":
        return Lnlj(classes)
    raise SystemExit("no PyTorch reference for '%s' (have gcsa_resnet18, aglf_resnet18, lnlj)" % name)
