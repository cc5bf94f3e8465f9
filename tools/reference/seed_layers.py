"""PyTorch reference layers for fer4j's seed models, written from docs/methods.md (not copied
from the papers' repositories). Module and parameter names equal fer4j's PyTorch-style names
(org.fer4j.models.ParameterNames), so one state_dict loads strictly into both.

Used only by tools/reference/export_seed.py (parity tests) and benchmarks; never at run time.
"""
import math

import torch
import torch.nn.functional as F
from torch import nn


def bn(c, momentum=0.1):
    return nn.BatchNorm2d(c, eps=1e-5, momentum=momentum)


class Cbam(nn.Module):
    """CBAM as MA-Net uses it: shared MLP over avg- and max-pooled vectors, then a 7x7 spatial
    gate over [max_C, mean_C] with BatchNorm (momentum 0.01)."""

    def __init__(self, c, r=16):
        super().__init__()
        hidden = max(1, c // r)
        self.mlp_in = nn.Linear(c, hidden)
        self.mlp_out = nn.Linear(hidden, c)
        self.spatial_conv = nn.Conv2d(2, 1, 7, padding=3, bias=False)
        self.spatial_bn = bn(1, momentum=0.01)

    def forward(self, x):
        def mlp(v):
            return self.mlp_out(F.relu(self.mlp_in(v)))

        gate = torch.sigmoid(mlp(x.mean((2, 3))) + mlp(x.amax((2, 3))))
        x = x * gate[:, :, None, None]
        pooled = torch.cat([x.amax(1, keepdim=True), x.mean(1, keepdim=True)], 1)
        return [x * torch.sigmoid(self.spatial_bn(self.spatial_conv(pooled)))]


class Eca(nn.Module):
    """ECA-Net: GAP, 1-D conv of adaptive size k across channels, sigmoid, rescale."""

    def __init__(self, c):
        super().__init__()
        t = int(abs(math.log2(c) + 1) / 2)
        k = t if t % 2 == 1 else t + 1
        self.conv = nn.Conv1d(1, 1, k, padding=(k - 1) // 2, bias=False)

    def forward(self, x):
        y = self.conv(x.mean((2, 3)).unsqueeze(1)).squeeze(1)
        return x * torch.sigmoid(y)[:, :, None, None]


class Gca(nn.Module):
    """GCA of GCA+IAL: global depthwise conv squeeze (kernel = map size), SE excitation with
    2*sigmoid, temporal geometric-mean coupling, auxiliary head on the clip-mean descriptor."""

    def __init__(self, c, size, frames, classes, r=16):
        super().__init__()
        self.frames = frames
        # kaiming_normal_(mode="fan_out") as the public GCA+IAL code initialises every conv: for a
        # depthwise (C, 1, k, k) weight fan_out is C*k*k
        self.gconv_weight = nn.Parameter(torch.randn(c, 1, size, size) * math.sqrt(2.0 / (c * size * size)))
        self.se1 = nn.Conv2d(c, max(1, c // r), 1, bias=False)
        self.se2 = nn.Conv2d(max(1, c // r), c, 1, bias=False)
        self.aux1 = nn.Linear(c, 2 * c, bias=False)
        self.aux2 = nn.Linear(2 * c, classes, bias=False)

    def forward(self, u):
        bt, c = u.shape[:2]
        t = self.frames
        g = F.conv2d(u, self.gconv_weight, groups=c)  # (BT, C, 1, 1)
        aux = self.aux2(self.aux1(g.reshape(bt // t, t, c).mean(1)))
        s = 2 * torch.sigmoid(self.se2(F.relu(self.se1(g)))).reshape(bt // t, t, c)
        coupled = torch.sqrt(s * s.mean(1, keepdim=True) + 1e-5).reshape(bt, c, 1, 1)
        return [u * coupled, aux]


class BasicBlock(nn.Module):
    """torchvision's BasicBlock with an optional attention module on the residual branch."""

    def __init__(self, inp, planes, stride=1, attn=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = bn(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = bn(planes)
        self.attach(inp, planes, stride, attn)

    def attach(self, inp, out, stride, attn):
        """The optional attention module and torchvision's 1x1 projection shortcut."""
        if attn is not None:
            self.attn = attn
        self.downsample = None
        if stride != 1 or inp != out:
            self.downsample = nn.Sequential(nn.Conv2d(inp, out, 1, stride, bias=False), bn(out))

    def residual(self, x):
        return self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))

    def forward(self, x):
        """Returns [out, extras...] (GCA's auxiliary logits)."""
        out = self.residual(x)
        extras = []
        if hasattr(self, "attn"):
            res = self.attn(out)
            out, extras = res[0], res[1:]
        identity = x if self.downsample is None else self.downsample(x)
        return [F.relu(out + identity)] + extras


class Bottleneck(BasicBlock):
    """torchvision's Bottleneck (1x1, 3x3 with the stride, 1x1 to 4 x planes) with an optional
    attention module on the residual branch, as MA-Net and fer4j's ResNetBlock place it."""

    def __init__(self, inp, planes, stride=1, attn=None):
        nn.Module.__init__(self)
        out = planes * 4
        self.conv1 = nn.Conv2d(inp, planes, 1, bias=False)
        self.bn1 = bn(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = bn(planes)
        self.conv3 = nn.Conv2d(planes, out, 1, bias=False)
        self.bn3 = bn(out)
        self.attach(inp, out, stride, attn)

    def residual(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return self.bn3(self.conv3(F.relu(self.bn2(self.conv2(out)))))


def res_layer(unit, inp, planes, count, stride, attn=None):
    """A torchvision ResNet layer of `count` units; `attn(channels)` makes each unit's attention."""
    width = planes * (4 if unit is Bottleneck else 1)
    blocks = []
    for i in range(count):
        blocks.append(unit(inp if i == 0 else width, planes, stride if i == 0 else 1,
                           None if attn is None else attn(width)))
    return Blocks(*blocks)


class Blocks(nn.Sequential):
    """A chain of residual units keeping only the feature map."""

    def forward(self, x):
        for m in self:
            x = m(x)[0] if isinstance(m, BasicBlock) else m(x)
        return x


class NonLocal(nn.Module):
    """Embedded-Gaussian non-local block (Wang et al. 2018), inner width C/2, z = BN(W y) + x."""

    def __init__(self, c):
        super().__init__()
        inner = max(1, c // 2)
        self.theta = nn.Conv2d(c, inner, 1)
        self.phi = nn.Conv2d(c, inner, 1)
        self.g = nn.Conv2d(c, inner, 1)
        self.w = nn.Conv2d(inner, c, 1)
        self.bn = bn(c)

    def forward(self, x):
        n, c, h, w = x.shape
        t = self.theta(x).flatten(2)
        p = self.phi(x).flatten(2)
        v = self.g(x).flatten(2)
        a = torch.softmax(t.transpose(1, 2) @ p, -1)
        y = (v @ a.transpose(1, 2)).reshape(n, -1, h, w)
        return self.bn(self.w(y)) + x


class Attention(nn.Module):
    def __init__(self, dim, heads, dim_head):
        super().__init__()
        self.heads, self.dim_head = heads, dim_head
        self.to_qkv = nn.Linear(dim, 3 * heads * dim_head, bias=False)
        self.to_out = nn.Linear(heads * dim_head, dim)

    def forward(self, x):
        b, n, _ = x.shape
        q, k, v = self.to_qkv(x).reshape(b, n, 3, self.heads, self.dim_head).permute(2, 0, 3, 1, 4)
        a = torch.softmax(q @ k.transpose(-1, -2) * self.dim_head ** -0.5, -1)
        return self.to_out((a @ v).transpose(1, 2).reshape(b, n, -1))


class Layer(nn.Module):
    """Pre-norm encoder layer, FFN with tanh-approximated GELU."""

    def __init__(self, dim, heads, dim_head, mlp):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, dim_head)
        self.norm2 = nn.LayerNorm(dim)
        self.ff1 = nn.Linear(dim, mlp)
        self.ff2 = nn.Linear(mlp, dim)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.ff2(F.gelu(self.ff1(self.norm2(x)), approximate="tanh"))


class Transformer(nn.Module):
    def __init__(self, dim, depth, heads, dim_head, mlp):
        super().__init__()
        for i in range(depth):
            setattr(self, "layer%d" % i, Layer(dim, heads, dim_head, mlp))
        self.depth = depth

    def forward(self, x):
        for i in range(self.depth):
            x = getattr(self, "layer%d" % i)(x)
        return x


class DoubleConv(nn.Module):
    def __init__(self, inp, out):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, out, 3, padding=1, bias=False)
        self.bn1 = bn(out)
        self.conv2 = nn.Conv2d(out, out, 3, padding=1, bias=False)
        self.bn2 = bn(out)

    def forward(self, x):
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))


class UNet(nn.Module):
    """U-Net (Ronneberger 2015) with padded convs and BatchNorm; returns the decoder map."""

    def __init__(self, inp, depth, width):
        super().__init__()
        self.depth = depth
        for i in range(depth + 1):
            setattr(self, "down%d" % i, DoubleConv(inp if i == 0 else width << (i - 1), width << i))
        for i in range(depth - 1, -1, -1):
            setattr(self, "upconv%d" % i, nn.ConvTranspose2d(width << (i + 1), width << i, 2, 2))
            setattr(self, "up%d" % i, DoubleConv(width << (i + 1), width << i))

    def forward(self, x):
        skips = []
        for i in range(self.depth + 1):
            if i > 0:
                x = F.max_pool2d(x, 2)
            x = getattr(self, "down%d" % i)(x)
            skips.append(x)
        for i in range(self.depth - 1, -1, -1):
            x = getattr(self, "upconv%d" % i)(x)
            x = getattr(self, "up%d" % i)(torch.cat([skips[i], x], 1))
        return x


class CcAttention(nn.Module):
    """Contextual Channel Attention of FAER (Xu et al. 2025, Eqs. 1-6) as fer4j's
    ContextualChannelBlock computes it, channels-last per position: key MLP (C -> C/8 -> C, exact
    GELU) times the global average, value Linear, query LayerNorm(GELU(7x7 conv, 4 groups)),
    out = softmax over the H*W positions (per channel) of (key + query) * value + x."""

    def __init__(self, c, kernel=7, groups=4):
        super().__init__()
        self.mlp1 = nn.Linear(c, c // 8)
        self.mlp2 = nn.Linear(c // 8, c)
        self.value = nn.Linear(c, c)
        self.depthwise = nn.Conv2d(c, c, kernel, padding=kernel // 2, groups=groups)
        self.norm = nn.LayerNorm(c, eps=1e-5)

    def forward(self, x):
        b, c, h, w = x.shape
        last = x.permute(0, 2, 3, 1)
        v = self.value(last).reshape(b, h * w, c)
        key = self.mlp2(F.gelu(self.mlp1(last))) * x.mean((2, 3)).reshape(b, 1, 1, c)
        q = self.norm(F.gelu(self.depthwise(x).permute(0, 2, 3, 1)))
        attended = (q.reshape(b, h * w, c) + key.reshape(b, h * w, c)).softmax(1) * v
        return attended.reshape(b, h, w, c).permute(0, 3, 1, 2) + x
