"""One matrix product per gate block, zeros for a missing bias, gates read by name from a dict."""
import torch


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    size = weight_hh.shape[1]
    if bias_ih is None:
        bias_ih = torch.zeros(4 * size, dtype=x.dtype, device=x.device)
    if bias_hh is None:
        bias_hh = torch.zeros(4 * size, dtype=x.dtype, device=x.device)
    pre = {}
    for k, name in enumerate("ifgo"):
        rows = slice(k * size, (k + 1) * size)
        pre[name] = x @ weight_ih[rows].T + bias_ih[rows] + h @ weight_hh[rows].T + bias_hh[rows]
    c_new = torch.sigmoid(pre["f"]) * c + torch.sigmoid(pre["i"]) * torch.tanh(pre["g"])
    return torch.sigmoid(pre["o"]) * torch.tanh(c_new), c_new
