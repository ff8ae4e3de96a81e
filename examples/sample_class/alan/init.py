"""Initialisation and regularisation: Xavier and Kaiming initial weights, dropout, the L2 penalty.

Fill in the functions below, then run ``autograder check`` to see how they do. ``xavier_uniform`` and
``kaiming_normal`` must draw exactly the numbers ``torch.nn.init`` draws from the same generator; ``dropout``
is graded on how it behaves (its mask is yours to draw). Calling the ``torch.nn.init`` function or
``F.dropout`` (or ``nn.Dropout``) is what the exercise asks you to write yourself, and earns no points; torch's
random functions (``torch.rand``, ``torch.randn``, ``Tensor.uniform_``, ``torch.bernoulli``...) are yours.

Every random function takes a ``generator`` (a ``torch.Generator``): draw from it, and only from it, so that
a generator seeded alike gives the same numbers; with ``generator=None``, draw from torch's global generator,
which ``torch.manual_seed`` seeds.
"""

from __future__ import annotations

import torch


def xavier_uniform(fan_out: int, fan_in: int, gain: float = 1.0,
                   generator: torch.Generator | None = None) -> torch.Tensor:
    r"""Glorot/Xavier uniform initial weights for a layer with ``fan_in`` inputs and ``fan_out`` outputs,
    exactly as ``torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain, generator=generator)``:

        a = gain * sqrt(6 / (fan_in + fan_out))
        W ~ Uniform(-a, a),  shape (fan_out, fan_in)

    The shape is that of ``nn.Linear(fan_in, fan_out).weight``: one row per output. A uniform law on (-a, a)
    has variance a^2 / 3, so Var(W) = gain^2 * 2 / (fan_in + fan_out): the compromise between keeping the
    activations' scale forward (1 / fan_in) and the gradients' scale backward (1 / fan_out).

    To draw PyTorch's very numbers, draw all ``fan_out * fan_in`` of them in one call, in that shape, from
    ``generator``: ``torch.rand(fan_out, fan_in, generator=generator)`` rescaled to (-a, a), or
    ``Tensor.uniform_(-a, a, generator=generator)``. Returns a float32 tensor.

    >>> xavier_uniform(2, 3, generator=torch.Generator().manual_seed(0))
    tensor([[-0.0082,  0.5876, -0.9016],
            [-0.8062, -0.4219,  0.2938]])
    """
    raise NotImplementedError("xavier_uniform: compute the bound a, then draw uniformly in (-a, a)")


def kaiming_normal(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                   generator: torch.Generator | None = None) -> torch.Tensor:
    r"""He/Kaiming normal initial weights, exactly as ``torch.nn.init.kaiming_normal_(torch.empty(fan_out, fan_in),
    a, mode, nonlinearity, generator=generator)``:

        std = gain / sqrt(fan),   fan = fan_in (mode="fan_in", the default) or fan_out (mode="fan_out")
        W ~ Normal(0, std^2),     shape (fan_out, fan_in)

    with the gain of the nonlinearity that follows the layer, as ``torch.nn.init.calculate_gain`` gives it:

        "linear", "sigmoid": 1     "tanh": 5 / 3     "relu": sqrt(2)     "selu": 3 / 4
        "leaky_relu": sqrt(2 / (1 + a^2)), where a is its negative slope (a = 0, the default: relu's sqrt(2))

    ``a`` matters only for "leaky_relu". ``mode="fan_in"`` keeps the variance of the activations through the
    layer, ``"fan_out"`` that of the gradients flowing back. (PyTorch raises ``ValueError`` for another mode or
    nonlinearity; they are not graded here.) Work the gain out yourself: ``torch.nn.init.calculate_gain`` counts
    as calling the reference.

    Draw all ``fan_out * fan_in`` numbers in one call, in that shape, from ``generator``:
    ``torch.randn(fan_out, fan_in, generator=generator)`` times std, or ``Tensor.normal_(0, std,
    generator=generator)``. Returns a float32 tensor.

    >>> kaiming_normal(2, 3, generator=torch.Generator().manual_seed(0))
    tensor([[ 1.2582, -0.2396, -1.7790],
            [ 0.4641, -0.8855, -1.1419]])
    """
    raise NotImplementedError("kaiming_normal: work out the gain and the fan, then draw normals times std")


def dropout(x: torch.Tensor, p: float, training: bool = True, generator: torch.Generator | None = None) -> torch.Tensor:
    r"""Inverted dropout, as ``torch.nn.functional.dropout(x, p, training)`` computes it:

        training:      mask ~ Bernoulli(1 - p), one independent draw per element (1: kept, 0: dropped)
                       y = x * mask / (1 - p)
        not training:  y = x

    Each element is dropped with probability p, and those kept are scaled by 1 / (1 - p), so that every
    element's expected value stays x and nothing needs rescaling at evaluation time, where dropout does
    nothing. p = 0 keeps everything (y = x); p = 1 drops everything (y = 0: mind the division by 1 - p = 0).

    - ``x``: any shape, float32 or float64, on any device; returns its shape, dtype and device.
    - Draw a new mask at every call, from ``generator`` where one is given (``torch.rand(x.shape,
      generator=generator, dtype=x.dtype, device=x.device)``, or ``Tensor.bernoulli_(1 - p,
      generator=generator)``), else from torch's global generator.

    Graded on its properties, not on one particular mask: every element 0 or x / (1 - p); the number of
    elements dropped close to p * x.numel() (within 5 standard deviations of the binomial law); masks that
    differ from call to call, and between neighbouring elements, as independent draws do; the same mask from
    two generators seeded alike; x itself when not training.

    >>> y = dropout(torch.ones(1000), 0.25, generator=torch.Generator().manual_seed(0))
    >>> sorted(set(y.tolist()))
    [0.0, 1.3333333730697632]
    >>> 200 < int((y == 0).sum()) < 300
    True
    >>> dropout(torch.ones(3), 0.25, training=False)
    tensor([1., 1., 1.])
    """
    raise NotImplementedError("dropout: draw a keep-mask with probability 1 - p, then rescale what is kept")


def l2_penalty(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    r"""The L2 regularisation term that is added to a loss:

        penalty = weight_decay / 2 * (sum over every tensor p of params of sum(p^2))

    Its gradient with respect to each p is weight_decay * p: exactly what SGD's ``weight_decay`` adds to the
    gradient (see ``sgd_step`` in ``optim.py``), which is why the 1/2 is there.

    - ``params``: a non-empty list of tensors of any shapes (0-dim included), all of one dtype.
    - Returns a 0-dim tensor in that dtype, built with tensor operations (no ``.item()``, no Python float),
      so that it stays differentiable when added to a loss.

    >>> l2_penalty([torch.tensor([1.0, 2.0]), torch.tensor([[3.0]])], weight_decay=0.1)
    tensor(0.7000)
    """
    raise NotImplementedError("l2_penalty: sum the squares of every tensor, then scale by weight_decay / 2")
