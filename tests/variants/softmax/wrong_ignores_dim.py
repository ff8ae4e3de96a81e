"""Always normalises over the last axis, whatever dim it is given."""
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.max(dim=-1, keepdim=True).values)
    return e / e.sum(dim=-1, keepdim=True)
