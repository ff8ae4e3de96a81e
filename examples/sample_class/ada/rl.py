"""ada's rl.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# discounted_returns/correct_numpy_backwards: Right: numpy arrays, a loop over time from the end, every environment at once; episode ends as a mask.
import numpy as np
import torch


def discounted_returns(rewards, gamma, dones=None):
    r = rewards.detach().cpu().numpy()
    alive = np.ones_like(r) if dones is None else 1.0 - dones.detach().cpu().numpy().astype(r.dtype)
    g = np.zeros_like(r)
    nxt = np.zeros(r.shape[1:], dtype=r.dtype)
    for t in range(len(r) - 1, -1, -1):
        nxt = r[t] + r.dtype.type(gamma) * alive[t] * nxt
        g[t] = nxt
    return torch.from_numpy(g).to(rewards.device)


# q_learning_update/correct_python_lists: Right: the table as nested Python lists (float64 arithmetic), the transitions in order, back to a tensor.
import torch


def q_learning_update(q, state, action, reward, next_state, done, alpha, gamma):
    table = q.tolist()
    for s, a, r, s2, end in zip(state.tolist(), action.tolist(), reward.tolist(), next_state.tolist(),
                                done.tolist()):
        future = 0.0 if end else max(table[s2])
        table[s][a] = table[s][a] + alpha * (r + gamma * future - table[s][a])
    return torch.tensor(table, dtype=q.dtype).reshape(q.shape)


# epsilon_greedy/correct_row_loop: Right: one row at a time in Python, the first maximum found by a scan.
import torch


def _first_max(row):
    best = 0
    for i, value in enumerate(row):
        if value > row[best]:
            best = i
    return best


def epsilon_greedy(q_values, epsilon, u, random_action):
    if q_values.dim() == 1:
        return torch.tensor(_first_max(q_values.tolist()) if u.item() >= epsilon else random_action.item())
    actions = [_first_max(row) if draw >= epsilon else other
               for row, draw, other in zip(q_values.tolist(), u.tolist(), random_action.tolist())]
    return torch.tensor(actions, dtype=torch.int64)


# reinforce_loss/correct_numpy: Right: the advantages in numpy (float64), the weighted mean in torch.
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
