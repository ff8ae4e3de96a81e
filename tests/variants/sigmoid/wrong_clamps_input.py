"""Clamps x to [-10, 10] to avoid overflow: sigmoid(-20) = 2e-9 becomes sigmoid(-10) = 4.5e-5."""
import torch


def sigmoid(x):
    work = x.to(torch.promote_types(x.dtype, torch.float32)).clamp(-10, 10)
    return (1 / (1 + torch.exp(-work))).to(x.dtype)
