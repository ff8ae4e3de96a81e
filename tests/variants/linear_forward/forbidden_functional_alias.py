"""Calls torch.nn.functional.linear under another name."""
from torch.nn.functional import linear as dense


def linear_forward(x, weight, bias=None):
    return dense(x, weight, bias)
