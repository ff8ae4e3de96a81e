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


def _none_bias(*biases: torch.Tensor | None) -> None:
    """What adding a ``None`` bias to a tensor raises."""
    if any(bias is None for bias in biases):
        raise TypeError("unsupported operand type(s) for +: 'Tensor' and 'NoneType'")


def _gru_cell(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
              bias_ih: torch.Tensor | None, bias_hh: torch.Tensor | None) -> torch.Tensor:
    """One GRU step, broadcasting ``x`` against ``h`` as plain tensor code does."""
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
    reset = torch.sigmoid(x_r + h_r)
    update = torch.sigmoid(x_z + h_z)
    candidate = torch.tanh(x_n + reset * h_n)
    return (1 - update) * candidate + update * h


def gru_step_none_bias_added(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                             bias_ih: torch.Tensor | None = None,
                             bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """Adds both biases whether given or not: a ``None`` bias raises TypeError."""
    _none_bias(bias_ih, bias_hh)
    return _gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_step_batch_dim_assumed(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                               bias_ih: torch.Tensor | None = None,
                               bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """Splits the gates along dim 1, which an unbatched (1-d) input does not have: IndexError."""
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=1)
    h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=1)
    reset = torch.sigmoid(x_r + h_r)
    update = torch.sigmoid(x_z + h_z)
    return (1 - update) * torch.tanh(x_n + reset * h_n) + update * h


def gru_step_gate_order_zrn(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                            bias_ih: torch.Tensor | None = None,
                            bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """Reads the stacked gate blocks as z, r, n instead of PyTorch's r, z, n."""
    x_z, x_r, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_z, h_r, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
    reset = torch.sigmoid(x_r + h_r)
    update = torch.sigmoid(x_z + h_z)
    return (1 - update) * torch.tanh(x_n + reset * h_n) + update * h


def gru_step_reset_before_matmul(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                                 bias_ih: torch.Tensor | None = None,
                                 bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """n = tanh(W_in x + b_in + W_hn (r * h) + b_hn): the reset applied to h before the product."""
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    w_hr, w_hz, w_hn = weight_hh.chunk(3, dim=0)
    b_hr, b_hz, b_hn = (None, None, None) if bias_hh is None else bias_hh.chunk(3)
    reset = torch.sigmoid(x_r + F.linear(h, w_hr, b_hr))
    update = torch.sigmoid(x_z + F.linear(h, w_hz, b_hz))
    candidate = torch.tanh(x_n + F.linear(reset * h, w_hn, b_hn))
    return (1 - update) * candidate + update * h


def gru_step_reset_skips_hidden_bias(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                                     weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                     bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """n = tanh(W_in x + b_in + r * (W_hn h) + b_hn): b_hn added outside the reset gate."""
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, weight_hh).chunk(3, dim=-1)
    b_hr, b_hz, b_hn = (0, 0, 0) if bias_hh is None else bias_hh.chunk(3)
    reset = torch.sigmoid(x_r + h_r + b_hr)
    update = torch.sigmoid(x_z + h_z + b_hz)
    candidate = torch.tanh(x_n + reset * h_n + b_hn)
    return (1 - update) * candidate + update * h


def gru_step_sigmoid_candidate(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                               bias_ih: torch.Tensor | None = None,
                               bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """Squashes the candidate n with a sigmoid instead of tanh."""
    x_r, x_z, x_n = F.linear(x, weight_ih, bias_ih).chunk(3, dim=-1)
    h_r, h_z, h_n = F.linear(h, weight_hh, bias_hh).chunk(3, dim=-1)
    reset = torch.sigmoid(x_r + h_r)
    update = torch.sigmoid(x_z + h_z)
    return (1 - update) * torch.sigmoid(x_n + reset * h_n) + update * h


def gru_step_weights_not_transposed(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                                    weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                    bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """x @ W_i* and h @ W_h* with each gate's (H, I) or (H, H) block untransposed: a RuntimeError unless I == H."""
    w_ir, w_iz, w_in = weight_ih.chunk(3, dim=0)
    w_hr, w_hz, w_hn = weight_hh.chunk(3, dim=0)
    b_ir, b_iz, b_in = (0, 0, 0) if bias_ih is None else bias_ih.chunk(3)
    b_hr, b_hz, b_hn = (0, 0, 0) if bias_hh is None else bias_hh.chunk(3)
    reset = torch.sigmoid(x @ w_ir + b_ir + h @ w_hr + b_hr)
    update = torch.sigmoid(x @ w_iz + b_iz + h @ w_hz + b_hz)
    candidate = torch.tanh(x @ w_in + b_in + reset * (h @ w_hn + b_hn))
    return (1 - update) * candidate + update * h


def gru_sequence_read_batch_first(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor,
                                  weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                  bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Reads x as (B, T, I): steps along dim 1 and stacks the states along dim 1 (a RuntimeError where the
    shapes do not broadcast)."""
    h = h0[0]
    states = []
    for t in range(x.shape[1]):
        h = _gru_cell(x[:, t], h, weight_ih, weight_hh, bias_ih, bias_hh)
        states.append(h)
    return torch.stack(states, dim=1), h.unsqueeze(0)


def gru_sequence_state_not_carried(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor,
                                   weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                   bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Starts every step from h0 instead of from the previous step's state."""
    output = torch.stack([_gru_cell(x_t, h0[0], weight_ih, weight_hh, bias_ih, bias_hh) for x_t in x])
    return output, output[-1:]


def rnn_step_none_bias_added(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                             bias_ih: torch.Tensor | None = None,
                             bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """Adds both biases whether given or not: a ``None`` bias raises TypeError."""
    _none_bias(bias_ih, bias_hh)
    return torch.tanh(F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh))


def rnn_step_weights_not_transposed(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor,
                                    weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                    bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """h @ W_hh with the square hidden weight untransposed: the shape fits, the values do not."""
    hidden = h @ weight_hh + (0 if bias_hh is None else bias_hh)
    return torch.tanh(F.linear(x, weight_ih, bias_ih) + hidden)


def _lstm_gates(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                bias_ih: torch.Tensor | None, bias_hh: torch.Tensor | None, dim: int = -1) -> tuple[torch.Tensor, ...]:
    """The four stacked pre-activations, in PyTorch's order i, f, g, o, split along ``dim``."""
    return (F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh)).chunk(4, dim=dim)


def lstm_step_batch_dim_assumed(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                                weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Splits the gates along dim 1, which an unbatched (1-d) input does not have: IndexError."""
    i, f, g, o = _lstm_gates(x, h, weight_ih, weight_hh, bias_ih, bias_hh, dim=1)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


def lstm_step_forget_bias_plus_one(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                                   weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                   bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Adds 1 to the forget gate's pre-activation (Keras's unit_forget_bias)."""
    i, f, g, o = _lstm_gates(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
    c_next = torch.sigmoid(f + 1) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


def lstm_step_gate_order_ifog(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Reads the stacked blocks as i, f, o, g instead of PyTorch's i, f, g, o."""
    i, f, o, g = _lstm_gates(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c_next), c_next


def lstm_step_no_tanh_on_cell(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """h' = o * c', the new cell state not squashed through tanh."""
    i, f, g, o = _lstm_gates(x, h, weight_ih, weight_hh, bias_ih, bias_hh)
    c_next = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * c_next, c_next
