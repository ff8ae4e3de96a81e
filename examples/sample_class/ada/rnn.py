"""ada's rnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# gru_step/correct_einsum: Gate blocks sliced by hand and multiplied with einsum; an unbatched input is lifted to a batch of one.
import torch


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    unbatched = x.dim() == 1
    if unbatched:
        x, h = x.unsqueeze(0), h.unsqueeze(0)
    hidden = h.shape[-1]
    gx = torch.einsum("gi,bi->bg", weight_ih, x)
    gh = torch.einsum("gj,bj->bg", weight_hh, h)
    if bias_ih is not None:
        gx = gx + bias_ih
    if bias_hh is not None:
        gh = gh + bias_hh
    r = torch.sigmoid(gx[:, :hidden] + gh[:, :hidden])
    z = torch.sigmoid(gx[:, hidden:2 * hidden] + gh[:, hidden:2 * hidden])
    n = torch.tanh(gx[:, 2 * hidden:] + r * gh[:, 2 * hidden:])
    out = (1 - z) * n + z * h
    return out.squeeze(0) if unbatched else out
