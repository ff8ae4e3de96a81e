"""Optimisers: one step of SGD with momentum, one step of Adam, and early stopping.

Fill in the functions below, then run ``autograder check`` to see how they do. ``sgd_step`` and
``adam_step`` must give exactly what one ``.step()`` of ``torch.optim.SGD`` / ``torch.optim.Adam`` gives, with
the same shapes and dtypes; building a ``torch.optim`` optimiser (or calling its update functions, or the
``torch._foreach_*`` operators they run on a GPU) is what the exercise asks you to write yourself, and earns no
points. Tensor arithmetic (``+``, ``*``, ``sqrt``, ``lerp``, ``add_``...) is yours to use.
"""

from __future__ import annotations

import torch


def sgd_step(params: list[torch.Tensor], grads: list[torch.Tensor], momentum_buffers: list[torch.Tensor | None],
             lr: float, momentum: float = 0.0, dampening: float = 0.0, weight_decay: float = 0.0,
             nesterov: bool = False) -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
    r"""One step of stochastic gradient descent, exactly as ``torch.optim.SGD(params, lr, momentum, dampening,
    weight_decay, nesterov).step()``. For each parameter ``p``, its gradient ``g`` and its momentum buffer ``b``:

        g = g + weight_decay * p                     (L2 weight decay joins the gradient first)
        if momentum != 0:
            b = g                                    if b is None (the first step: no dampening yet)
            b = momentum * b + (1 - dampening) * g   otherwise
            g = g + momentum * b                     if nesterov (look ahead along the new velocity)
            g = b                                    otherwise
        p = p - lr * g

    - ``params``, ``grads``: lists of tensors of any shapes (a 0-dim tensor too), ``grads[i]`` the shape and
      dtype of ``params[i]``.
    - ``momentum_buffers``: one entry per parameter, ``None`` before the first step, then the buffer the
      previous step returned (an entry may be ``None`` while the others are not).
    - Returns ``(new_params, new_buffers)``: two lists; ``new_buffers[i]`` is ``b`` after the step, and stays
      ``None`` where there is no momentum (``momentum == 0``). Return new tensors, in the inputs' dtypes.

    As the optimiser's constructor does, raise ``ValueError`` for ``lr < 0``, ``momentum < 0`` or
    ``weight_decay < 0``, and for ``nesterov=True`` unless ``momentum > 0`` and ``dampening == 0``.

    Two steps with momentum 0.9: the first buffer is the gradient itself, the second adds to 0.9 times it.

    >>> new_params, new_buffers = sgd_step([torch.tensor([1.0, 2.0])], [torch.tensor([0.5, -1.0])], [None],
    ...                                    lr=0.1, momentum=0.9)
    >>> new_params
    [tensor([0.9500, 2.1000])]
    >>> new_buffers
    [tensor([ 0.5000, -1.0000])]
    >>> sgd_step(new_params, [torch.tensor([0.5, -1.0])], new_buffers, lr=0.1, momentum=0.9)
    ([tensor([0.8550, 2.2900])], [tensor([ 0.9500, -1.9000])])
    """
    raise NotImplementedError("sgd_step: decay, update the buffer (first step: the gradient), then step")


def adam_step(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor, step: int,
              lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    r"""One step of Adam, exactly as ``torch.optim.Adam([param], lr, betas, eps, weight_decay).step()``, where
    ``step`` = t counts this step (1 for the first) and ``(beta1, beta2) = betas``:

        g     = grad + weight_decay * param              (L2 decay joins the gradient; AdamW decays apart)
        m     = beta1 * exp_avg    + (1 - beta1) * g      (running mean of the gradients)
        v     = beta2 * exp_avg_sq + (1 - beta2) * g^2    (running mean of their squares)
        m_hat = m / (1 - beta1^t),   v_hat = v / (1 - beta2^t)      (bias correction)
        param' = param - lr * m_hat / (sqrt(v_hat) + eps)           (eps outside the square root)

    Before the first step both moments are zeros, which bias them towards 0: the correction divides it away
    (at t = 1, m_hat = g and v_hat = g^2, so every element moves by about lr, whatever its gradient's size).

    - ``param``, ``grad``, ``exp_avg``, ``exp_avg_sq``: one shape (any, 0-dim included) and dtype.
    - Returns ``(param', m, v)``, each in ``param``'s shape and dtype; ``m`` and ``v`` are the moments
      *without* the correction: they are the next step's ``exp_avg`` and ``exp_avg_sq``.

    As the optimiser's constructor does, raise ``ValueError`` for ``lr < 0``, ``eps < 0``, ``weight_decay < 0``
    or a beta outside [0, 1).

    Example: ``param = [1.]``, ``grad = [0.5]``, zero moments, t = 1, lr = 0.1: m = 0.05, v = 0.00025,
    m_hat = 0.5, v_hat = 0.25, param' = 1 - 0.1 * 0.5 / (0.5 + 1e-8) = 0.9.

    >>> adam_step(torch.tensor([1.0]), torch.tensor([0.5]), torch.zeros(1), torch.zeros(1), step=1, lr=0.1)
    (tensor([0.9000]), tensor([0.0500]), tensor([0.0003]))
    """
    raise NotImplementedError("adam_step: update both moments, correct their bias, then step")


def early_stopping(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    r"""The epoch after which early stopping ends training, and the epoch whose weights it keeps.

    ``val_losses[e]`` is the validation loss measured after epoch ``e`` (epochs count from 0). Go through the
    epochs keeping the best loss so far (``val_losses[0]`` to begin with) and a count of epochs without
    improvement (0 to begin with):

    - epoch ``e`` improves when ``best - val_losses[e] > min_delta``, strictly: an equal loss, or a gain of
      exactly ``min_delta``, is no improvement. Its loss becomes the best, ``e`` the best epoch, and the count
      goes back to 0;
    - otherwise the count goes up by one (and the best stays as it was: a gain smaller than ``min_delta``
      does not move it, so later epochs are measured against the best, not against the epoch before). When
      the count reaches ``patience``, training stops after epoch ``e``.

    Returns ``(stop_epoch, best_epoch)``, two ints: the epoch training stops after (the last one,
    ``len(val_losses) - 1``, if the count never reaches ``patience``) and the best epoch by then, the one
    whose weights you would restore.

    Raise ``ValueError`` for ``patience < 1`` (a patience of 0 would stop before any epoch could fail to
    improve), for ``min_delta < 0`` and for an empty ``val_losses``.

    Below, epoch 1 is the best; epochs 2 and 3 do not beat 0.8, so training stops after epoch 3. With
    ``min_delta = 0.25``, epoch 1 gains exactly 0.25 (no improvement) and epoch 2 gains 0.375 (the new best).

    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.95], patience=2)
    (3, 1)
    >>> early_stopping([1.0, 0.75, 0.625, 0.5], patience=2, min_delta=0.25)
    (3, 2)
    """
    raise NotImplementedError("early_stopping: track the best loss and the epochs since it improved")
