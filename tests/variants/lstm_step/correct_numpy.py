"""Computes in numpy (float64) with an unbatched input lifted to a batch of one; casts back at the end."""
import numpy as np
import torch


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    def arr(t):
        return t.detach().cpu().double().numpy()

    size = weight_hh.shape[1]
    X, Hs, C = np.atleast_2d(arr(x)), np.atleast_2d(arr(h)), np.atleast_2d(arr(c))
    gates = X @ arr(weight_ih).T + Hs @ arr(weight_hh).T
    for b in (bias_ih, bias_hh):
        if b is not None:
            gates = gates + arr(b)

    def sig(v):
        return 1.0 / (1.0 + np.exp(-v))

    i, f, g, o = (gates[:, k * size:(k + 1) * size] for k in range(4))
    c_new = sig(f) * C + sig(i) * np.tanh(g)
    h_new = sig(o) * np.tanh(c_new)
    if x.dim() == 1:
        h_new, c_new = h_new[0], c_new[0]
    return (torch.from_numpy(h_new).to(dtype=h.dtype, device=h.device),
            torch.from_numpy(c_new).to(dtype=c.dtype, device=c.device))
