"""A loop over the batch with a Python `if` per item; an int t is first expanded to every item."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    if not isinstance(t, torch.Tensor):
        t = torch.full((x_t.shape[0],), t, dtype=torch.long)
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)
    out = torch.empty_like(x_t)
    for b in range(x_t.shape[0]):
        step = int(t[b])
        mean = (x_t[b] - betas[step] / torch.sqrt(1 - alphas_cumprod[step]) * eps[b]) / torch.sqrt(alphas[step])
        if step > 0:
            mean = mean + torch.sqrt(betas[step]) * noise[b]
        out[b] = mean
    return out
