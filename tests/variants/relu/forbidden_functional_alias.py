"""Calls torch.nn.functional.relu under another name."""
import torch.nn.functional as F

rectify = F.relu


def relu(x):
    return rectify(x)
