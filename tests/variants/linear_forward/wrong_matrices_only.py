"""torch.mm, which takes two matrices only: a single vector or a (B, T, in) batch raises."""
import torch


def linear_forward(x, weight, bias=None):
    y = torch.mm(x, weight.t())
    return y if bias is None else y + bias
