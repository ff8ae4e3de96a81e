"""Reinforcement learning: discounted returns, tabular Q-learning, epsilon-greedy actions, REINFORCE.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

import torch


def discounted_returns(rewards: torch.Tensor, gamma: float, dones: torch.Tensor | None = None) -> torch.Tensor:
    r"""The discounted return of every step of a trajectory (or of B trajectories side by side).

        G_t = r_t + gamma G_{t+1} (1 - done_t)        for t = T - 1 down to 0
        G_T = 0                                      (nothing after the last step)

    ``rewards`` has shape ``(T,)`` or ``(T, B)``: time first, B environments run side by side. ``dones``
    (``None``, or a tensor of the same shape: bool, or floats 0. / 1.) marks the steps that end an episode:
    where done_t is true, G_t = r_t and the return of the next episode is not carried back across the
    boundary. ``None`` means no episode ends inside the trajectory. ``gamma`` is a float in [0, 1].

    Returns a tensor of the shape and dtype of ``rewards`` (``T = 0`` gives an empty one). The recursion runs
    backwards in time: one loop over T whose every step works on all B environments at once is the way
    (no loop over B: the timing budget is 10x the reference's, which loops over T only). Values are compared
    with rtol and atol 1e-5 (a float32 sum accumulates rounding over long horizons).

    >>> discounted_returns(torch.tensor([1.0, 1.0, 1.0]), 0.9)
    tensor([2.7100, 1.9000, 1.0000])
    >>> discounted_returns(torch.tensor([1.0, 1.0, 1.0]), 0.9, dones=torch.tensor([False, True, False]))
    tensor([1.9000, 1.0000, 1.0000])
    """
    raise NotImplementedError("discounted_returns: loop t from T - 1 down to 0, G = r_t + gamma G (1 - done_t)")


def q_learning_update(q: torch.Tensor, state: torch.Tensor, action: torch.Tensor, reward: torch.Tensor,
                      next_state: torch.Tensor, done: torch.Tensor, alpha: float, gamma: float) -> torch.Tensor:
    r"""Tabular Q-learning: apply N transitions to a Q table, one after the other, in order.

    For transition i = 0 .. N - 1, with s = state[i], a = action[i], r = reward[i], s' = next_state[i]:

        target  = r + gamma max_a' Q[s', a'] (1 - done[i])       (no bootstrap after a terminal step)
        Q[s, a] = Q[s, a] + alpha (target - Q[s, a])

    Each transition sees the table as the ones before it left it: the same (s, a) twice is updated twice,
    and a max over a row that an earlier transition changed uses the new value. So the N updates cannot all
    be made at once with one indexing operation; a loop over the transitions is expected (no timing budget).

    Shapes: ``q`` is ``(S, A)`` (float32 or float64); ``state``, ``action``, ``next_state`` are int64 of shape
    ``(N,)``; ``reward`` ``(N,)`` in q's dtype; ``done`` bool ``(N,)``. N may be 0. ``alpha`` and ``gamma``
    are floats. Returns the new table, a new tensor of q's shape and dtype: ``q`` itself must not be
    modified (work on ``q.clone()``; the grader compares the returned table only). Values are compared with
    rtol and atol 1e-5.

    Example: Q = 0 (2 states, 2 actions), alpha = 0.5, gamma = 0.9. Transition (0, 1, r = 1, s' = 1):
    Q[0, 1] = 0.5 (1 + 0.9 * 0) = 0.5. Then (1, 0, r = 2, s' = 0), not terminal: the max of row 0 is now
    0.5, so Q[1, 0] = 0.5 (2 + 0.9 * 0.5) = 1.225.

    >>> q_learning_update(torch.zeros(2, 2), torch.tensor([0, 1]), torch.tensor([1, 0]), torch.tensor([1.0, 2.0]),
    ...                   torch.tensor([1, 0]), torch.tensor([False, False]), alpha=0.5, gamma=0.9)
    tensor([[0.0000, 0.5000],
            [1.2250, 0.0000]])
    """
    raise NotImplementedError("q_learning_update: clone q, then update Q[s, a] towards its target, in order")


def epsilon_greedy(q_values: torch.Tensor, epsilon: float, u: torch.Tensor,
                   random_action: torch.Tensor) -> torch.Tensor:
    r"""Epsilon-greedy actions, with the randomness given: explore where u < epsilon, else exploit.

        action = argmax_a q_values[a]      where u >= epsilon     (exploit)
        action = random_action             where u <  epsilon     (explore)

    ``u`` holds uniform draws in [0, 1) and ``random_action`` uniform actions, drawn by the caller (so the
    result is reproducible). Ties go to the lowest index, as ``torch.argmax`` does. epsilon = 0 always
    exploits, epsilon = 1 always explores; u equal to epsilon exploits.

    Shapes: ``q_values`` is ``(B, A)`` (a batch of states, one row each), ``u`` float ``(B,)``,
    ``random_action`` int64 ``(B,)``; returns int64 ``(B,)``. One state: ``q_values`` ``(A,)`` with ``u`` and
    ``random_action`` 0-dimensional gives a 0-dimensional int64 tensor.

    >>> epsilon_greedy(torch.tensor([[1.0, 3.0, 3.0], [0.0, -1.0, 2.0]]), 0.1, torch.tensor([0.5, 0.05]),
    ...                torch.tensor([2, 0]))
    tensor([1, 0])

    Row 0 exploits (0.5 >= 0.1): actions 1 and 2 tie at 3, the first wins. Row 1 explores (0.05 < 0.1).
    """
    raise NotImplementedError("epsilon_greedy: argmax of each row, replaced by random_action where u < epsilon")


def reinforce_loss(log_probs: torch.Tensor, returns: torch.Tensor, baseline=None,
                   normalize: bool = False) -> torch.Tensor:
    r"""The REINFORCE (policy-gradient) loss: minus the mean of log pi(a_t | s_t) weighted by its advantage.

        A_t  = G_t - b_t                                 (b = 0 without a baseline)
        A_t  = (A_t - mean(A)) / (std(A) + eps)         (only with normalize=True)
        loss = -mean_t(log_prob_t A_t)

    In this order: subtract the baseline, then normalise. ``std`` is the unbiased standard deviation
    (divided by n - 1, ``Tensor.std()``'s default) over every element, and eps = 1.1920929e-07 (float32's
    machine epsilon, ``torch.finfo(torch.float32).eps``, whatever the dtype), as in PyTorch's REINFORCE
    example: when every A_t is equal, std is 0 and the normalised advantages are all 0, not NaN. With
    ``normalize=True`` and fewer than two elements, raise ``ValueError`` (the unbiased std of one value is
    undefined).

    ``log_probs`` and ``returns`` have the same shape (``(T,)``, or ``(T, B)``: the mean is over every
    element); ``baseline`` is ``None``, a float, or a tensor of that shape (a value estimate per step).
    Returns a 0-dimensional tensor of log_probs' dtype. The advantages are weights, not part of the graph:
    only ``log_probs`` should carry a gradient (use ``.detach()`` on them when the baseline comes from a
    network; the grader compares values).

    Example: log_probs = [-1, -2], returns = [3, 1]: loss = -mean(-3, -2) = 2.5. With baseline 2, A = [1, -1]
    and loss = -mean(-1, 2) = -0.5. With normalize=True (no baseline), A = [3, 1] has mean 2 and std √2, so
    A = [0.7071, -0.7071] and loss = -mean(-0.7071, 1.4142) = -0.3536.

    >>> reinforce_loss(torch.tensor([-1.0, -2.0]), torch.tensor([3.0, 1.0]), baseline=2.0)
    tensor(-0.5000)
    """
    raise NotImplementedError("reinforce_loss: A = G - b, normalised if asked, then -mean(log_prob * A)")
