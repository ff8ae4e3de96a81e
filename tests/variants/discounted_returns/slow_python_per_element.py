"""Right, but one element at a time: a Python loop over environments and steps, indexing the tensors
element by element."""
import torch


def discounted_returns(rewards, gamma, dones=None):
    flat = rewards if rewards.dim() == 2 else rewards.unsqueeze(1)
    ends = None if dones is None else dones.reshape(flat.shape)
    out = torch.zeros_like(flat)
    for b in range(flat.shape[1]):
        g = 0.0
        for t in range(flat.shape[0] - 1, -1, -1):
            if ends is not None and ends[t, b]:
                g = 0.0
            g = flat[t, b] + gamma * g
            out[t, b] = g
    return out.reshape(rewards.shape)
