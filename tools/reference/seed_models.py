"""PyTorch reference versions of fer4j's seed models that torchvision cannot build, written from
docs/methods.md (GCA+IAL, AGLF at ResNet-50 and MA-Net size, FAER, LNLJ). Names follow fer4j's
PyTorch-style parameter names so one safetensors file loads strictly into both.
"""
import torch
import torch.nn.functional as F
from torch import nn

from seed_layers import (BasicBlock, Blocks, Bottleneck, Cbam, CcAttention, Eca, Gca, NonLocal,
                         Transformer, UNet, bn, res_layer)


def half(size, times):
    for _ in range(times):
        size = (size + 1) // 2
    return size


class GcsaResNet18(nn.Module):
    """Clips (B, 3, T, H, W) -> [logits, aux_layer2, aux_layer3] (docs/methods.md#gcsa-cai)."""

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
        for m in self.modules():  # the public GCA+IAL code's initialisation of every conv
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

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


class Aglf(nn.Module):
    """AGLF (docs/methods.md#aglf). depth 50: conv1 + ResNet-50 layer1 shared, ECA, 2x2 regions
    each with its own CBAM layer2 (s2) and layer3 (s2) [+ layer4 (s1) with layer4=True].
    depth 18 (MA-Net size): conv1 + layer1 + layer2 shared, ECA, per region CBAM layer3 (s2) and
    layer4 (s1). Four classifiers; fused = log(mean softmax). `width` is the stem's channel count
    (fer4j's model option width, 64 by default; stage l has width << l), `dropout` the dropout on
    each region's pooled feature before its classifier (fer4j's drop_rate, 0.5 in fer4j; 0 here by
    default so that the parity exports and trajectories stay deterministic)."""

    def __init__(self, classes=7, depth=18, layer4=False, width=64, dropout=0.0):
        super().__init__()
        self.dropout = dropout
        base = width
        unit = Bottleneck if depth >= 50 else BasicBlock
        expansion = 4 if depth >= 50 else 1
        counts = [3, 4, 6, 3] if depth >= 50 else [2, 2, 2, 2]
        shared = 1 if depth >= 50 else 2
        last = 3 if depth >= 50 and not layer4 else 4
        self.conv1 = nn.Conv2d(3, base, 7, 2, 3, bias=False)
        self.bn1 = bn(base)
        width = base
        for l in range(shared):
            setattr(self, "layer%d" % (l + 1),
                    res_layer(unit, width, base << l, counts[l], 1 if l == 0 else 2))
            width = (base << l) * expansion
        self.shared = shared
        self.eca = Eca(width)
        for r in range(4):
            stages, rin = [], width
            for l in range(shared, last):
                stages.append(res_layer(unit, rin, base << l, counts[l], 1 if l == 3 else 2, Cbam))
                rin = (base << l) * expansion
            setattr(self, "region%d" % r, nn.Sequential(*stages))
        for r in range(4):
            setattr(self, "fc%d" % r, nn.Linear(rin, classes))

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        for l in range(self.shared):
            x = getattr(self, "layer%d" % (l + 1))(x)
        x = self.eca(x)
        h, w = x.shape[2] // 2, x.shape[3] // 2
        parts = [x[:, :, :h, :w], x[:, :, :h, w:], x[:, :, h:, :w], x[:, :, h:, w:]]
        logits = [getattr(self, "fc%d" % r)(self.drop(getattr(self, "region%d" % r)(p).mean((2, 3))))
                  for r, p in enumerate(parts)]
        fused = torch.stack([z.softmax(-1) for z in logits]).mean(0).log()
        return [fused] + logits

    def drop(self, feature):
        # no call at 0, so the parity cases draw no random numbers they did not draw before
        return F.dropout(feature, self.dropout, self.training) if self.dropout > 0 else feature


class Faer(nn.Module):
    """FAER (docs/methods.md#faer): torchvision's ConvNeXt `features`, CC attention after the last
    stage, pooled feature f = mean over H, W; heads Linear(LayerNorm(f), eps 1e-6).
    heads: expression -> [logits, f], attributes -> [attribute logits, f], joint -> all three."""

    WIDTH = {"tiny": 768, "small": 768, "base": 1024, "large": 1536}

    def __init__(self, variant="tiny", classes=7, attributes=40, heads="expression", drop_path=0.0):
        super().__init__()
        import torchvision
        width = self.WIDTH[variant]
        # torchvision's builders default to stochastic depth 0.1; fer4j's option drop_path_rate
        # defaults to 0 and the recipes set the paper code's value
        self.features = getattr(torchvision.models, "convnext_" + variant)(
            stochastic_depth_prob=drop_path).features
        self.attention = CcAttention(width)
        self.norm = nn.LayerNorm(width, eps=1e-6)
        if heads != "attributes":
            self.head = nn.Linear(width, classes)
        if heads != "expression":
            self.attr_head = nn.Linear(width, attributes)

    def forward(self, x):
        f = self.attention(self.features(x)).mean((2, 3))
        normed = self.norm(f)
        outs = [getattr(self, h)(normed) for h in ("head", "attr_head") if hasattr(self, h)]
        return outs + [f]


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
    """LNLJ (arXiv 2203.14045, abstract only; fer4j's inferred layout in docs/methods.md): U-Net
    map, 2x2 regions each with its own small ResNet, a non-local network giving softmax region
    weights w. fusion: 'features' fc(sum_k w_k f_k); 'logits' sum_k w_k z_k; 'losses' the weights
    act in the loss (sum_k w_k CE(z_k)) and the decision is log sum_k w_k softmax(z_k).
    Output [fused, z_1..z_K, w] (+ z_nonlocal with nonlocal_head, trained by its own loss term)."""

    def __init__(self, classes=7, unet_depth=4, unet_width=16, fusion="features", nonlocal_head=False):
        super().__init__()
        self.fusion = fusion
        self.regions = 4
        self.unet = UNet(3, unet_depth, unet_width)
        for k in range(4):
            setattr(self, "local%d" % k, small_resnet(unet_width, [128, 256, 512], False))
            setattr(self, "local_fc%d" % k, nn.Linear(512, classes))
        setattr(self, "nonlocal", small_resnet(unet_width, [128, 256], True))
        self.weight_fc = nn.Linear(256, 4)
        if nonlocal_head:
            self.nonlocal_fc = nn.Linear(256, classes)
        if fusion == "features":
            self.fc = nn.Linear(512, classes)

    def forward(self, x):
        m = self.unet(x)
        h, w = m.shape[2] // 2, m.shape[3] // 2
        parts = [m[:, :, :h, :w], m[:, :, :h, w:], m[:, :, h:, :w], m[:, :, h:, w:]]
        feats = [getattr(self, "local%d" % k)(p).mean((2, 3)) for k, p in enumerate(parts)]
        logits = [getattr(self, "local_fc%d" % k)(f) for k, f in enumerate(feats)]
        g = getattr(self, "nonlocal")(m).mean((2, 3))
        weights = self.weight_fc(g).softmax(-1)
        if self.fusion == "features":
            fused = self.fc((torch.stack(feats, 1) * weights.unsqueeze(2)).sum(1))
        elif self.fusion == "logits":
            fused = (torch.stack(logits, 1) * weights.unsqueeze(2)).sum(1)
        else:
            mixed = torch.stack([z.softmax(-1) for z in logits], 1) * weights.unsqueeze(2)
            fused = mixed.sum(1).log()
        extra = [self.nonlocal_fc(g)] if hasattr(self, "nonlocal_fc") else []
        return [fused] + logits + [weights] + extra


def build(name, classes, frames=16, size=112):
    """The reference model registered in fer4j under `name` (used by bench/peer.py)."""
    if name == "gcsa_resnet18":
        return GcsaResNet18(classes, frames=frames, size=size)
    if name in ("aglf_resnet18", "aglf_resnet50"):
        return Aglf(classes, depth=int(name[len("aglf_resnet"):]))
    if name in ("faer_convnext_tiny", "faer_convnext_base"):
        return Faer(name[len("faer_convnext_"):], classes)
    if name == "lnlj":
        return Lnlj(classes)
    raise SystemExit("no PyTorch reference for '%s' (have gcsa_resnet18, aglf_resnet18,"
                     " aglf_resnet50, faer_convnext_tiny, faer_convnext_base, lnlj)" % name)
