"""Computes in numpy (float64), then returns a tensor of the input's dtype and device."""
import numpy as np
import torch


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    def arr(t):
        return np.zeros(weight_hh.shape[0]) if t is None else t.detach().cpu().double().numpy()

    out = np.tanh(arr(x) @ arr(weight_ih).T + arr(bias_ih) + arr(h) @ arr(weight_hh).T + arr(bias_hh))
    return torch.from_numpy(out).to(dtype=h.dtype, device=h.device)
