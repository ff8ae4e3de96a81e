"""Correct, but every gate of every output element is a pure-Python loop over Python floats."""
import math

import torch


def _sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    unbatched = x.dim() == 1
    xs = [x.tolist()] if unbatched else x.tolist()
    hs = [h.tolist()] if unbatched else h.tolist()
    cs = [c.tolist()] if unbatched else c.tolist()
    wi, wh = weight_ih.tolist(), weight_hh.tolist()
    size = len(wh[0])
    bi = [0.0] * (4 * size) if bias_ih is None else bias_ih.tolist()
    bh = [0.0] * (4 * size) if bias_hh is None else bias_hh.tolist()
    h_out, c_out = [], []
    for xrow, hrow, crow in zip(xs, hs, cs, strict=True):
        h_row, c_row = [], []
        for j in range(size):
            pre = []
            for gate in range(4):
                k = gate * size + j
                a = bi[k] + bh[k]
                for i, xv in enumerate(xrow):
                    a += wi[k][i] * xv
                for i, hv in enumerate(hrow):
                    a += wh[k][i] * hv
                pre.append(a)
            cell = _sigmoid(pre[1]) * crow[j] + _sigmoid(pre[0]) * math.tanh(pre[2])
            c_row.append(cell)
            h_row.append(_sigmoid(pre[3]) * math.tanh(cell))
        h_out.append(h_row)
        c_out.append(c_row)
    h_t = torch.tensor(h_out, dtype=h.dtype, device=h.device)
    c_t = torch.tensor(c_out, dtype=c.dtype, device=c.device)
    return (h_t[0], c_t[0]) if unbatched else (h_t, c_t)
