"""Compares with torch.zeros(x.shape), which is float32: a float16 or bfloat16 input comes back as float32."""
import torch


def relu(x):
    return torch.maximum(x, torch.zeros(x.shape, device=x.device))
