"""Applies done one step late: G_t = r_t + gamma G_{t+1} (1 - done_{t+1}), so the step after an episode
end is cut off instead of the end itself."""
import torch


def discounted_returns(rewards, gamma, dones=None):
    out = torch.zeros_like(rewards)
    g = torch.zeros_like(rewards[0]) if len(rewards) else None
    for t in reversed(range(len(rewards))):
        if dones is not None and t + 1 < len(rewards):
            g = g * (1 - dones[t + 1].to(rewards.dtype))
        g = rewards[t] + gamma * g
        out[t] = g
    return out
