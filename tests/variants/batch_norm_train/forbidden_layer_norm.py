"""Moves each channel's values into one row and lets F.layer_norm normalise the rows."""
import torch.nn.functional as F


def batch_norm_train(x, gamma, beta, eps=1e-5):
    moved = x.transpose(0, 1)
    rows = moved.reshape(x.shape[1], -1)
    out = F.layer_norm(rows, rows.shape[1:], eps=eps) * gamma[:, None] + beta[:, None]
    return out.reshape(moved.shape).transpose(0, 1)
