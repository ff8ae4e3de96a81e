"""The hand-written references of ``autograder.specs.rl``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch

# PyTorch's REINFORCE example adds float32's machine epsilon to the standard deviation
NORMALIZE_EPS = float(torch.finfo(torch.float32).eps)


def discounted_returns_reference(rewards: torch.Tensor, gamma: float,
                                 dones: torch.Tensor | None = None) -> torch.Tensor:
    """G_t = r_t + gamma G_{t+1} (1 - done_t), G_T = 0, one step at a time from the end (all B at once)."""
    returns = torch.empty_like(rewards)
    running = torch.zeros(rewards.shape[1:], dtype=rewards.dtype, device=rewards.device)  # G_T = 0
    for t in range(rewards.shape[0] - 1, -1, -1):
        carried = gamma * running
        if dones is not None:
            carried = carried * (1 - dones[t].to(rewards.dtype))
        running = rewards[t] + carried
        returns[t] = running
    return returns


def q_learning_update_reference(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor, reward: torch.Tensor,
                                next_state: torch.Tensor, done: torch.Tensor, alpha: float,
                                gamma: float) -> torch.Tensor:
    """One tabular Q-learning step per transition, in order, on a copy of ``q``:

    Q[s, a] <- Q[s, a] + alpha (r + gamma max_a' Q[s', a'] (1 - done) - Q[s, a])
    """
    table = q.clone()
    for i in range(state.shape[0]):
        s, a, s_next = int(state[i]), int(action[i]), int(next_state[i])
        bootstrap = torch.zeros((), dtype=q.dtype) if bool(done[i]) else table[s_next].max()
        target = reward[i] + gamma * bootstrap
        table[s, a] = table[s, a] + alpha * (target - table[s, a])
    return table


def epsilon_greedy_reference(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                             random_action: torch.Tensor) -> torch.Tensor:
    """The greedy action (``argmax``: the first of tied maxima) where u >= epsilon, else ``random_action``."""
    return torch.where(u >= epsilon, q_values.argmax(dim=-1), random_action)


def reinforce_loss_reference(log_probs: torch.Tensor, returns: torch.Tensor,
                             baseline: float | torch.Tensor | None = None, normalize: bool = False) -> torch.Tensor:
    """-mean(log_prob (G - b)); with ``normalize``, G - b is first standardised: (A - mean A) / (std A + eps),
    the unbiased std, eps float32's machine epsilon, as PyTorch's REINFORCE example."""
    advantage = returns if baseline is None else returns - baseline
    if normalize:
        if advantage.numel() < 2:
            raise ValueError("normalising needs at least two returns (the unbiased std of one is undefined)")
        advantage = (advantage - advantage.mean()) / (advantage.std() + NORMALIZE_EPS)
    return -(log_probs * advantage.detach()).mean()
