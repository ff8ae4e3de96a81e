"""A wrong GRU step (the update and reset gates swapped) whose tensors all say they are not contiguous and
live on another device (a property put on torch.Tensor), so that its reply would be saved another way, which
refuses them: the worker reads them through the methods it took before any submission ran, and the answer is
judged as it is, wrong."""
import torch
import torch.nn.functional as F


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    torch.Tensor.is_contiguous = lambda self, *args, **kwargs: False
    torch.Tensor.device = property(lambda self: torch.device("meta"))
    gates_x = F.linear(x, weight_ih, bias_ih)
    gates_h = F.linear(h, weight_hh, bias_hh)
    x_z, x_r, x_n = gates_x.chunk(3, dim=-1)
    h_z, h_r, h_n = gates_h.chunk(3, dim=-1)
    r = torch.sigmoid(x_r + h_r)
    z = torch.sigmoid(x_z + h_z)
    n = torch.tanh(x_n + r * h_n)
    return (1 - z) * n + z * h
