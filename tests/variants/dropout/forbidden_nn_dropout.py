"""Uses the nn.Dropout module, which calls F.dropout, under a generator-seeded global state."""
import torch
from torch import nn


def dropout(x, p, training=True, generator=None):
    layer = nn.Dropout(p)
    layer.train(training)
    if generator is not None:
        torch.manual_seed(int(torch.randint(0, 2**31, (1,), generator=generator)))
    return layer(x)
