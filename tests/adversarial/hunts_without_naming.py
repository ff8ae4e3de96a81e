"""The same hunt as hunts_for_answers without any name the screen refuses: it runs, finds no reference
output in the worker (there is none) and returns one of its inputs."""
import torch

def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    for value in (x, h, weight_ih, weight_hh):
        if isinstance(value, torch.Tensor) and value.shape == h.shape and value is not h:
            return value
    return h
