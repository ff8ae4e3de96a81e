"""Basics: the neuron, activations, losses, one step of gradient descent, batch normalisation.

Fill in the functions below, then run ``autograder check`` to see how they do. Each must return what
PyTorch's own operator returns (named in its docstring), with the same shape and dtype; calling that
operator (or its module) is what the exercise asks you to write yourself, and earns no points.
"""

from __future__ import annotations

import torch


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    r"""A fully connected layer, exactly as ``torch.nn.functional.linear`` computes it:

        y = x W^T + b

    - ``x``: ``(*, in_features)``, any number of leading axes, none included: a single vector ``(in,)``
      gives ``(out,)``, a batch ``(B, in)`` gives ``(B, out)``, ``(B, T, in)`` gives ``(B, T, out)``.
    - ``weight``: ``(out_features, in_features)``, one row per output neuron (note the transpose).
    - ``bias``: ``(out_features,)`` or ``None`` (no bias).

    Returns ``(*, out_features)`` in ``x``'s dtype.

    Example: ``x = [1., 2.]``, ``weight = [[1., 0.], [0.5, -1.]]``, ``bias = [0., 1.]``:
    ``y = [1*1 + 0*2 + 0, 0.5*1 - 1*2 + 1] = [1.0, -0.5]``.
    """
    raise NotImplementedError("linear_forward: multiply by the transposed weight, then add the bias if given")


def relu(x: torch.Tensor) -> torch.Tensor:
    r"""The rectified linear unit, elementwise, as ``torch.relu``:

        relu(x) = max(x, 0)

    Any shape (a 0-dim tensor too); the result has ``x``'s shape and dtype (float16 and bfloat16 included).

    Example: ``relu([-1.5, 0., 2.]) = [0., 0., 2.]``.
    """
    raise NotImplementedError("relu: keep the positive values, replace the others by 0")


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    r"""The leaky ReLU, elementwise, as ``torch.nn.functional.leaky_relu``:

        leaky_relu(x) = x                    if x > 0
                        negative_slope * x   otherwise

    ``negative_slope`` may be any number, 0 and values above 1 included (``max(x, negative_slope * x)``
    is the same function only while the slope is at most 1). Any shape; ``x``'s shape and dtype.

    Example: ``leaky_relu([-2., 3.], negative_slope=0.1) = [-0.2, 3.]``.
    """
    raise NotImplementedError("leaky_relu: x where positive, negative_slope * x elsewhere")


def elu(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    r"""The exponential linear unit, elementwise, as ``torch.nn.functional.elu``:

        elu(x) = x                      if x > 0
                 alpha * (exp(x) - 1)   otherwise

    Any shape; ``x``'s shape and dtype. Inputs may be large (exp(100) overflows float32 to inf): the
    exponential must not leak into the result where x > 0 (``inf * 0`` is NaN). ``torch.expm1(x)``
    computes exp(x) - 1 without losing the digits near 0.

    Example: ``elu([-1., 0., 2.]) = [exp(-1) - 1, 0., 2.] = [-0.6321, 0., 2.]``; with ``alpha=2`` the first
    value is -1.2642.
    """
    raise NotImplementedError("elu: x where positive, alpha * (exp(x) - 1) elsewhere")


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""The logistic sigmoid, elementwise, as ``torch.sigmoid``, numerically stable for large |x|:

        sigmoid(x) = 1 / (1 + exp(-x)) = exp(x) / (1 + exp(x))

    The two forms are equal on paper but not in floating point: exp overflows to inf beyond x = 88.7 in
    float32, 709.8 in float64 and only 11.09 in float16, and ``inf / inf`` is NaN. Exponentiate only
    non-positive numbers: with ``e = exp(-|x|)`` (never above 1),

        sigmoid(x) = 1 / (1 + e)   if x >= 0
                     e / (1 + e)   if x <  0

    Any shape; ``x``'s shape and dtype, float16 and bfloat16 included (where computing in float32 and
    casting back, as PyTorch does, is fine too). Inputs go up to |x| = 1000.

    Example: ``sigmoid([0., 2., -1000., 1000.]) = [0.5, 0.8808, 0., 1.]``.
    """
    raise NotImplementedError("sigmoid: use exp(-|x|) and pick the form by the sign of x")


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    r"""Softmax along ``dim``, as ``torch.softmax``, numerically stable:

        softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m),   m = max_j x_j

    where i and j run along ``dim`` and everything else is a separate slice. Subtracting the slice's own
    maximum changes nothing on paper and keeps exp from overflowing (exp(1000) is inf even in float64):
    every slice has its own m, as slices may lie far apart (one row near 1000, another near -1000).
    ``dim`` may be negative (``-1`` is the last axis). Any shape; ``x``'s shape and dtype. (The shortcut
    ``exp(x - logsumexp(x))`` is equal on paper, but near x = 1000 float32 rounds logsumexp to steps of 6e-5,
    and every probability inherits that error: shift by the max first.)

    Example: ``softmax([1., 2., 3.]) = [0.0900, 0.2447, 0.6652]``; ``softmax([1000., 1001.]) = [0.2689,
    0.7311]``; ``softmax([[1., 1.], [0., 2.]], dim=0) = [[0.7311, 0.2689], [0.2689, 0.7311]]``.
    """
    raise NotImplementedError("softmax: subtract the max along dim, exponentiate, divide by the sum along dim")


def mse_loss(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    r"""The mean squared error, as ``torch.nn.functional.mse_loss`` (reduction ``"mean"``):

        L = (1 / n) * sum_i (y_hat_i - y_i)^2

    where i runs over *every* element and n is their number (``numel``), whatever the shape.
    ``y_hat`` and ``y`` have the same shape (a 0-dim tensor included). Returns a 0-dim tensor of their
    dtype (not a Python float).

    Example: ``y_hat = [1., 2., 3.]``, ``y = [1., 0., 5.]``: ``L = (0 + 4 + 4) / 3 = 2.6667``.
    """
    raise NotImplementedError("mse_loss: square the differences, average over every element")


def binary_cross_entropy(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    r"""The binary cross-entropy, as ``torch.nn.functional.binary_cross_entropy`` (reduction ``"mean"``):

        L = -(1 / n) * sum_i [ y_i * log(y_hat_i) + (1 - y_i) * log(1 - y_hat_i) ]

    - ``y_hat``: predicted probabilities in [0, 1], *0 and 1 included*; ``y``: targets in [0, 1] (hard
      labels 0/1 or soft ones), same shape. n is the number of elements; returns a 0-dim tensor.
    - PyTorch clamps each log at -100 before multiplying: ``log(0)`` counts as -100, so a certain and wrong
      prediction costs 100 (not inf), and a certain and right one costs 0 (not ``0 * -inf = NaN``). Do the
      same; clamping ``y_hat`` to [eps, 1 - eps] instead gives other numbers.

    Example: ``y_hat = [0.8, 0.1]``, ``y = [1., 0.]``: ``L = -(log 0.8 + log 0.9) / 2 = 0.1643``;
    ``y_hat = [0., 1.]``, ``y = [1., 1.]``: ``L = (100 + 0) / 2 = 50``.
    """
    raise NotImplementedError("binary_cross_entropy: clamp each log at -100, then average")


def gradient_descent_step(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                          lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    r"""One full-batch step of gradient descent for linear regression on the mean squared error.

        y_hat = x @ w + b
        L     = mean((y_hat - y)^2)                  (over all N * K entries, as F.mse_loss)
        dL/dw = 2 / (N * K) * x^T (y_hat - y)
        dL/db = 2 / (N * K) * sum over the N samples of (y_hat - y)
        w' = w - lr * dL/dw,   b' = b - lr * dL/db

    Shapes: ``x`` is ``(N, D)``. One output: ``w`` is ``(D,)``, ``b`` a 0-dim tensor, ``y`` ``(N,)`` and
    K = 1. K outputs: ``w`` is ``(D, K)``, ``b`` ``(K,)``, ``y`` ``(N, K)`` (K = 1 is allowed here too).
    ``lr`` is a Python float. Returns the tuple ``(w', b')`` with the shapes and dtype of ``w`` and ``b``.
    The graded reference is autograd plus ``torch.optim.SGD(lr=lr)`` on ``F.mse_loss``; here you work the
    gradient out yourself: ``backward()`` and ``torch.autograd.grad`` count as calling the reference.

    Example: ``x = [[1.], [2.]]``, ``y = [2., 4.]``, ``w = [0.]``, ``b = 0.``, ``lr = 0.1``: y_hat - y =
    [-2, -4], dL/dw = 2/2 * (1*-2 + 2*-4) = -10, dL/db = 2/2 * (-6) = -6, so ``w' = [1.0]``, ``b' = 0.6``.
    """
    raise NotImplementedError("gradient_descent_step: compute the residual, the two gradients, then step")


def batch_norm_train(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    r"""Batch normalisation in training mode, as ``torch.nn.functional.batch_norm(x, None, None, gamma, beta,
    training=True, eps=eps)``:

        mu_c      = mean of channel c over the batch (and over every pixel of it)
        sigma^2_c = mean of (x - mu_c)^2 over the same values   (biased: divide by their count, not count - 1)
        y         = gamma_c * (x - mu_c) / sqrt(sigma^2_c + eps) + beta_c

    Note the *plus*: many slides print sqrt(sigma^2 - eps), a typo (it would take the root of a negative
    number on a constant channel). eps sits inside the square root.

    - ``x``: ``(N, C)``, statistics over the N rows of each column; or ``(N, C, H, W)``, statistics over
      N * H * W values per channel (axes 0, 2 and 3).
    - ``gamma``, ``beta``: ``(C,)``. Returns ``x``'s shape and dtype. (No running statistics here.)

    Example: ``x = [[1.], [3.]]`` (N = 2, C = 1), ``gamma = [1.]``, ``beta = [0.]``: mu = 2, sigma^2 = 1,
    y = [[-1/sqrt(1 + 1e-5)], [1/sqrt(1 + 1e-5)]] = [[-0.999995], [0.999995]].
    """
    raise NotImplementedError("batch_norm_train: normalise each channel with its batch mean and biased variance")
