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


def rnn_step(x: Tensor, h: Tensor, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None,
             bias_hh: Tensor | None = None) -> Tensor:
    """One step of ``torch.nn.RNNCell`` with tanh: tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)."""
    return torch.tanh(F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh))


def lstm_step(x: Tensor, h: Tensor, c: Tensor, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None,
              bias_hh: Tensor | None = None) -> tuple[Tensor, Tensor]:
    """One step of ``torch.nn.LSTMCell``: gates i, f, g, o stacked in that order; returns ``(h', c')``."""
    gates = F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)
    i, f, g, o = gates.chunk(4, dim=-1)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    h_next = torch.sigmoid(o) * torch.tanh(c_next)
    return h_next, c_next


def gru_sequence(x: Tensor, h0: Tensor, weight_ih: Tensor, weight_hh: Tensor, bias_ih: Tensor | None = None,
                 bias_hh: Tensor | None = None) -> tuple[Tensor, Tensor]:
    """A one-layer ``torch.nn.GRU`` over ``x`` of shape ``(T, B, I)`` from ``h0`` of shape ``(1, B, H)``."""
    h = h0[0]
    states = []
    for x_t in x:
        # each step needs the previous state: the loop over time cannot be vectorised away
        h = gru_step(x_t, h, weight_ih, weight_hh, bias_ih, bias_hh)
        states.append(h)
    return torch.stack(states), h.unsqueeze(0)
