"""Right: the advantages in numpy (float64), the weighted mean in torch."""
import numpy as np
import torch


def reinforce_loss(log_probs, returns, baseline=None, normalize=False):
    adv = returns.detach().cpu().numpy().astype(np.float64)
    if baseline is not None:
        adv = adv - (baseline.detach().cpu().numpy() if torch.is_tensor(baseline) else baseline)
    if normalize:
        if adv.size < 2:
            raise ValueError("need two values to normalise")
        adv = (adv - adv.mean()) / (adv.std(ddof=1) + np.finfo(np.float32).eps)
    weights = torch.from_numpy(adv).to(log_probs.dtype)
    return -torch.mean(log_probs * weights)
