"""Computes in float32 (stably) but forgets to cast back: float16, bfloat16 and float64 come back as float32."""
import torch


def sigmoid(x):
    x = x.float()
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))
