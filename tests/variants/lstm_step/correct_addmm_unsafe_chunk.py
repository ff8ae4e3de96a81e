"""Sums both products with torch.addmm on a batch of one when unbatched; sigmoid applied to three gates at once."""
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
