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


# ---------------------------------------------------------------------------------------------------------
# classic mistakes


def discounted_returns_done_one_step_late(rewards: torch.Tensor, gamma: float,
                                          dones: torch.Tensor | None = None) -> torch.Tensor:
    """G_t = r_t + gamma G_{t+1} (1 - done_{t+1}): each episode end cuts the return one step too early in time
    (the step after it is cut off, not the end itself)."""
    returns = torch.empty_like(rewards)
    running = torch.zeros(rewards.shape[1:], dtype=rewards.dtype, device=rewards.device)
    for t in range(rewards.shape[0] - 1, -1, -1):
        if dones is not None and t + 1 < rewards.shape[0]:
            running = running * (1 - dones[t + 1].to(rewards.dtype))
        running = rewards[t] + gamma * running
        returns[t] = running
    return returns


def discounted_returns_ignore_dones(rewards: torch.Tensor, gamma: float,
                                   dones: torch.Tensor | None = None) -> torch.Tensor:
    """The episode ends ignored: one discounted sum over the whole of T."""
    return discounted_returns_reference(rewards, gamma)


def q_learning_update_all_at_once(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor,
                                  reward: torch.Tensor, next_state: torch.Tensor, done: torch.Tensor, alpha: float,
                                  gamma: float) -> torch.Tensor:
    """Every update computed from the original table, then written (the last of repeated pairs stays):
    transitions do not see each other's updates."""
    table = q.clone()
    for i in range(state.shape[0]):
        s, a, s_next = int(state[i]), int(action[i]), int(next_state[i])
        bootstrap = torch.zeros((), dtype=q.dtype) if bool(done[i]) else q[s_next].max()
        table[s, a] = q[s, a] + alpha * (reward[i] + gamma * bootstrap - q[s, a])
    return table


def q_learning_update_ignores_done(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor,
                                   reward: torch.Tensor, next_state: torch.Tensor, done: torch.Tensor,
                                   alpha: float, gamma: float) -> torch.Tensor:
    """Bootstraps from the next state after a terminal transition too."""
    return q_learning_update_reference(q, state, action, reward, next_state, torch.zeros_like(done), alpha, gamma)


def epsilon_greedy_last_of_ties(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                                random_action: torch.Tensor) -> torch.Tensor:
    """Ties broken towards the highest index: the argmax of the reversed row."""
    last = q_values.shape[-1] - 1 - q_values.flip(-1).argmax(dim=-1)
    return torch.where(u >= epsilon, last, random_action)


def epsilon_greedy_strict_inequality(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                                     random_action: torch.Tensor) -> torch.Tensor:
    """Exploits only where u > epsilon: u equal to epsilon explores."""
    return torch.where(u > epsilon, q_values.argmax(dim=-1), random_action)


def _reinforce_made(log_probs: torch.Tensor, returns: torch.Tensor, baseline: float | torch.Tensor | None,
                    normalize: bool, correction: int = 1, eps: float = NORMALIZE_EPS,
                    baseline_first: bool = True) -> torch.Tensor:
    """The reference's loss with the standardisation made another way: the std's ``correction``, its ``eps``,
    or the baseline subtracted after it (``baseline_first=False``)."""
    advantage = returns if baseline is None or not baseline_first else returns - baseline
    if normalize:
        if advantage.numel() < 2:
            raise ValueError("normalising needs at least two returns (the unbiased std of one is undefined)")
        advantage = (advantage - advantage.mean()) / (advantage.std(correction=correction) + eps)
    if baseline is not None and not baseline_first:
        advantage = advantage - baseline
    return -(log_probs * advantage.detach()).mean()


def reinforce_loss_no_eps(log_probs: torch.Tensor, returns: torch.Tensor, baseline: float | torch.Tensor | None = None,
                          normalize: bool = False) -> torch.Tensor:
    """Divides by the std alone: equal returns give 0 / 0 = NaN."""
    return _reinforce_made(log_probs, returns, baseline, normalize, eps=0.0)


def reinforce_loss_population_std(log_probs: torch.Tensor, returns: torch.Tensor,
                                  baseline: float | torch.Tensor | None = None,
                                  normalize: bool = False) -> torch.Tensor:
    """Standardises with the population std (divided by n, not n - 1)."""
    return _reinforce_made(log_probs, returns, baseline, normalize, correction=0)


def reinforce_loss_baseline_after_normalizing(log_probs: torch.Tensor, returns: torch.Tensor,
                                              baseline: float | torch.Tensor | None = None,
                                              normalize: bool = False) -> torch.Tensor:
    """Standardises the returns first, then subtracts the baseline."""
    return _reinforce_made(log_probs, returns, baseline, normalize, baseline_first=False)
