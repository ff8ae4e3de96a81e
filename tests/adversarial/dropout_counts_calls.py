"""Dropout that ignores its generator yet passed the generator checks while the probe made its five calls
in one order (with g, g again, g2 seeded as g, then twice without a generator): a counter told them apart.
Every call draws from a private generator seeded by the input's values; only the second call of five (g
again) adds one to the seed. The probe's calls now come in an order drawn per case, one of them with a
generator seeded otherwise: the replayed masks show."""
import torch

_calls = [0]


def dropout(x, p, training=True, generator=None):
    index = _calls[0] % 5
    _calls[0] += 1
    if not training:
        return x
    if p >= 1:
        return torch.zeros_like(x)
    own = torch.Generator().manual_seed(int(x.double().abs().sum().item() * 1000) + (index == 1))
    keep = torch.rand(x.shape, generator=own) >= p
    return torch.where(keep, x / (1 - p), torch.zeros_like(x))
