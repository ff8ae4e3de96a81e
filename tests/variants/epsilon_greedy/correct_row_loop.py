"""Right: one row at a time in Python, the first maximum found by a scan."""
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
