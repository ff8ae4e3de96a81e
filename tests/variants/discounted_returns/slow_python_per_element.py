"""Right, but every environment is its own Python loop over Python floats."""
import torch


def discounted_returns(rewards, gamma, dones=None):
    r = rewards.tolist()
    d = [[False] * len(row) if isinstance(row, list) else False for row in r] if dones is None else dones.tolist()
    if rewards.dim() == 1:
        r, d = [[x] for x in r], [[x] for x in d]
    T = len(r)
    B = len(r[0]) if T else 0
    out = [[0.0] * B for _ in range(T)]
    for b in range(B):
        g = 0.0
        for t in range(T - 1, -1, -1):
            g = r[t][b] + (0.0 if d[t][b] else gamma * g)
            out[t][b] = g
    result = torch.tensor(out, dtype=rewards.dtype).reshape(rewards.shape)
    return result
