"""One matrix product per gate, zeros for a missing bias, and the update written as torch.lerp(n, h, z)."""
import torch


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    size = weight_hh.shape[1]
    if bias_ih is None:
        bias_ih = torch.zeros(3 * size, dtype=h.dtype, device=h.device)
    if bias_hh is None:
        bias_hh = torch.zeros(3 * size, dtype=h.dtype, device=h.device)
    parts = {}
    for k, name in enumerate("rzn"):
        rows = slice(k * size, (k + 1) * size)
        parts["x" + name] = x @ weight_ih[rows].T + bias_ih[rows]
        parts["h" + name] = h @ weight_hh[rows].T + bias_hh[rows]
    r = torch.sigmoid(parts["xr"] + parts["hr"])
    z = torch.sigmoid(parts["xz"] + parts["hz"])
    n = torch.tanh(parts["xn"] + r * parts["hn"])
    # lerp(n, h, z) = n + z * (h - n) = (1 - z) * n + z * h
    return torch.lerp(n, h, z)
