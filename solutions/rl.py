"""Reinforcement learning: discounted returns, tabular Q-learning, epsilon-greedy actions, REINFORCE (solutions)."""

import torch


def discounted_returns(rewards: torch.Tensor, gamma: float, dones: torch.Tensor | None = None) -> torch.Tensor:
    """Backwards over time; every step updates the B environments together."""
    keep = torch.ones_like(rewards) if dones is None else 1.0 - dones.to(rewards.dtype)
    out = []
    following = torch.zeros_like(rewards[:1].sum(dim=0))
    for step in reversed(range(rewards.shape[0])):
        following = rewards[step] + gamma * keep[step] * following
        out.append(following)
    if not out:
        return rewards.clone()
    return torch.stack(out[::-1])


def q_learning_update(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor, reward: torch.Tensor,
                      next_state: torch.Tensor, done: torch.Tensor, alpha: float, gamma: float) -> torch.Tensor:
    """Python scalars for the indices, the table updated in place on a copy."""
    new = q.detach().clone()
    transitions = zip(state.tolist(), action.tolist(), reward.tolist(), next_state.tolist(), done.tolist(),
                      strict=True)
    for s, a, r, s_next, finished in transitions:
        target = r if finished else r + gamma * new[s_next].max().item()
        new[s, a] += alpha * (target - new[s, a].item())
    return new


def epsilon_greedy(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                   random_action: torch.Tensor) -> torch.Tensor:
    """Start from the random actions and overwrite the exploiting rows with the argmax."""
    greedy = torch.argmax(q_values, dim=-1)
    explore = u < epsilon
    return random_action * explore + greedy * ~explore


def reinforce_loss(log_probs: torch.Tensor, returns: torch.Tensor, baseline=None,
                   normalize: bool = False) -> torch.Tensor:
    """Advantages (detached), standardised on request, weighting the log-probabilities."""
    weights = returns.detach().clone()
    if baseline is not None:
        weights = weights - baseline
    if normalize:
        n = weights.numel()
        if n < 2:
            raise ValueError("normalize=True needs at least two elements")
        centred = weights - weights.sum() / n
        spread = torch.sqrt((centred ** 2).sum() / (n - 1))
        weights = centred / (spread + torch.finfo(torch.float32).eps)
    return -(log_probs * weights).sum() / log_probs.numel()
