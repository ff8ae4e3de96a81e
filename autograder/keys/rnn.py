"""Classic mistakes of ``autograder.specs.rnn``, written by hand: a near-answer is an answer (see
``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def gru_step_swapped_update_gate(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                                 weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                 bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """h' = z * n + (1 - z) * h: the update gate read the other way round."""
    gates_x = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    gates_h = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
    reset = torch.sigmoid(gates_x[0] + gates_h[0])
    update = torch.sigmoid(gates_x[1] + gates_h[1])
    candidate = torch.tanh(gates_x[2] + reset * gates_h[2])
    return update * candidate + (1 - update) * h
