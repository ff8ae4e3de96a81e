"""exp(logsigmoid(x)): PyTorch's log-sigmoid operator does the stable part."""
import torch.nn.functional as F


def sigmoid(x):
    return F.logsigmoid(x).exp()
