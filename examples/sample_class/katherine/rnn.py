"""katherine's rnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# gru_step/wrong_crashes_on_unbatched: Assumes a batch: splits the gates along dim 1, which a 1-d input does not have.
import torch
import torch.nn.functional as F


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=1)
    h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * n + z * h
