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


# rnn_step/correct_concatenated: The course's form: one product of the stacked weights [W_ih | W_hh] with the concatenation [x, h].
import torch


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    W = torch.cat([weight_ih, weight_hh], dim=1)  # (H, I + H)
    xh = torch.cat([x, h], dim=-1)  # (..., I + H)
    b = torch.zeros(W.shape[0], dtype=x.dtype, device=x.device)
    if bias_ih is not None:
        b = b + bias_ih
    if bias_hh is not None:
        b = b + bias_hh
    return torch.tanh(xh @ W.T + b)


# lstm_step/correct_addmm_unsafe_chunk: Sums both products with torch.addmm on a batch of one when unbatched; sigmoid applied to three gates at once.
import torch


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    unbatched = x.dim() == 1
    if unbatched:
        x, h, c = x[None], h[None], c[None]
    bias = torch.zeros(weight_ih.shape[0], dtype=x.dtype, device=x.device)
    if bias_ih is not None:
        bias = bias + bias_ih
    if bias_hh is not None:
        bias = bias + bias_hh
    gates = torch.addmm(torch.addmm(bias, x, weight_ih.t()), h, weight_hh.t())
    size = h.shape[1]
    ifo = torch.sigmoid(torch.cat([gates[:, :2 * size], gates[:, 3 * size:]], dim=1))
    i, f, o = ifo[:, :size], ifo[:, size:2 * size], ifo[:, 2 * size:]
    g = torch.tanh(gates[:, 2 * size:3 * size])
    c_new = torch.addcmul(f * c, i, g)
    h_new = o * torch.tanh(c_new)
    return (h_new[0], c_new[0]) if unbatched else (h_new, c_new)


# gru_sequence/correct_numpy: Runs the recurrence in numpy (float64) and converts both results back to the input's dtype.
import numpy as np
import torch


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    def arr(t):
        return t.detach().cpu().double().numpy()

    H = weight_hh.shape[1]
    Wi, Wh = arr(weight_ih), arr(weight_hh)
    bi = np.zeros(3 * H) if bias_ih is None else arr(bias_ih)
    bh = np.zeros(3 * H) if bias_hh is None else arr(bias_hh)
    h = arr(h0)[0]
    states = []
    for x_t in arr(x):
        gi, gh = x_t @ Wi.T + bi, h @ Wh.T + bh
        r = 1 / (1 + np.exp(-(gi[:, :H] + gh[:, :H])))
        z = 1 / (1 + np.exp(-(gi[:, H:2 * H] + gh[:, H:2 * H])))
        n = np.tanh(gi[:, 2 * H:] + r * gh[:, 2 * H:])
        h = (1 - z) * n + z * h
        states.append(h)
    output = torch.from_numpy(np.stack(states)).to(dtype=x.dtype, device=x.device)
    return output, torch.from_numpy(h[None]).to(dtype=x.dtype, device=x.device)
