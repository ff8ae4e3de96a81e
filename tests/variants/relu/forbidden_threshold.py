"""torch.nn.functional.threshold(x, 0, 0): ReLU under the name of another operator."""
import torch.nn.functional as F


def relu(x):
    return F.threshold(x, 0.0, 0.0)
