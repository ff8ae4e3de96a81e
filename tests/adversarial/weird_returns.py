"""Returns something of a different type on every call: NaN tensors, a string, a dict, an object with a
lying __eq__, None, a huge nested list."""
import itertools

import torch


class Equal:
    def __eq__(self, other):
        return True


_counter = itertools.count()


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    n = next(_counter) % 6
    if n == 0:
        return torch.full_like(h, float("nan"))
    if n == 1:
        return "tensor([0.1, 0.2])"
    if n == 2:
        return {"h": h}
    if n == 3:
        return Equal()
    if n == 4:
        return None
    return [[0.0] * 1000] * 1000
