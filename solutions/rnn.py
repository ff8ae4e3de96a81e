"""Recurrent networks (solutions)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor


def gru_step(x: Tensor, h: Tensor, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None,
             bias_hh: Tensor | None = None) -> Tensor:
    """One step of ``torch.nn.GRUCell``: gates r, z, n stacked in that order along the rows of each weight."""
    # F.linear takes a None bias and a 1-d input alike, so the unbatched case needs nothing special
    gates_x = F.linear(x, weight_ih, bias_ih)
    gates_h = F.linear(h, weight_hh, bias_hh)
    x_r, x_z, x_n = gates_x.chunk(3, dim=-1)
    h_r, h_z, h_n = gates_h.chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    # the reset gate scales W_hn h + b_hn as a whole, after the product
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * n + z * h
