"""exp(x) / (1 + exp(x)): inf / inf = NaN once exp(x) overflows."""
import torch


def sigmoid(x):
    e = torch.exp(x)
    return e / (1 + e)
