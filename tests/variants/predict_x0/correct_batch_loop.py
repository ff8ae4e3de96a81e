"""A Python loop over the batch, one pair of scalars per item; an int t is first expanded to every item."""
import torch


def predict_x0(x_t, t, eps, alphas_cumprod):
    if not isinstance(t, torch.Tensor):
        t = torch.full((x_t.shape[0],), t, dtype=torch.long)
    out = torch.empty_like(x_t)
    for b in range(x_t.shape[0]):
        abar = alphas_cumprod[t[b]]
        out[b] = (x_t[b] - (1 - abar).sqrt() * eps[b]) / abar.sqrt()
    return out
