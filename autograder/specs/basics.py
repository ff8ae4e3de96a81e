"""Basics: the linear layer, four activations, softmax, two losses, a gradient-descent step, batch norm.

Every reference is PyTorch's own operator, except ``gradient_descent_step``'s, which is autograd on
``F.mse_loss`` plus the update that ``torch.optim.SGD`` runs; ``tests/specs/test_reference_basics.py`` checks it
against the gradient written out in closed form and against a real ``torch.optim.SGD`` step, and checks
that the cases keep the values that make the usual mistakes show (|x| up to 1000, probabilities of exactly
0 and 1, eps large enough to matter...).
"""

from __future__ import annotations

import math
import random

import torch
import torch.nn.functional as F
from torch.optim.sgd import sgd

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, FLOOR_CALLS, Case, Exercise, Mistake, Timing, randn, uniform

ORDER = 5

# ---------------------------------------------------------------------------------------------------------
# shared input builders

SIZE_KEYS = ("B", "R", "C")  # up to three axes; a case that names none of them is a 0-dim tensor


def _shape(params) -> tuple[int, ...]:
    return tuple(params[key] for key in SIZE_KEYS if key in params)


def _with_values(x: torch.Tensor, values) -> torch.Tensor:
    """``x`` (float64) with its first elements, in memory order, replaced by ``values``: the named edge
    cases put the numbers that matter (|x| = 1000, exp's overflow threshold...) where they cannot be missed."""
    if values:
        flat = x.reshape(-1)
        count = min(len(values), flat.numel())
        flat[:count] = torch.tensor(list(values)[:count], dtype=torch.float64)
    return x


def _uniform_x(params, gen) -> torch.Tensor:
    x = uniform(_shape(params), gen, params.get("low", -4.0), params.get("high", 4.0), dtype="float64")
    return _with_values(x, params.get("values")).to(DTYPES[params["dtype"]])


def _random_shape(rng: random.Random, max_size: int = 7) -> dict:
    keys = SIZE_KEYS[3 - rng.choice([0, 1, 1, 2, 2, 3]):]
    return {key: rng.randint(1, max_size) for key in keys}


# ---------------------------------------------------------------------------------------------------------
# linear_forward


def linear_forward_reference(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    return F.linear(x, weight, bias)


def linear_forward_flattens_leading_dims(x: torch.Tensor, weight: torch.Tensor,
                                         bias: torch.Tensor | None = None) -> torch.Tensor:
    """A classic mistake: the leading axes flattened to one batch axis and never restored."""
    return F.linear(x.reshape(-1, x.shape[-1]), weight, bias)


def _linear_inputs(params, gen):
    """``lead`` lists the axes before the features (none: a single vector)."""
    lead, n_in, n_out, dtype = tuple(params["lead"]), params["I"], params["O"], params["dtype"]
    # weights of std 1/sqrt(I) keep the outputs near unit size, so a transposed weight or a lost bias shows
    return dict(
        x=randn(lead + (n_in,), gen, dtype),
        weight=randn((n_out, n_in), gen, dtype, scale=1 / math.sqrt(n_in)),
        bias=randn((n_out,), gen, dtype, scale=0.7) if params["bias"] else None,
    )


def _lin(lead: list[int], n_in: int, n_out: int, bias: bool = True, dtype: str = "float32") -> dict:
    return dict(lead=lead, I=n_in, O=n_out, bias=bias, dtype=dtype)


def _random_linear(rng: random.Random) -> dict:
    lead = [rng.randint(1, 5) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
    return _lin(lead, rng.randint(1, 10), rng.randint(1, 10), bias=rng.random() < 0.75,
                dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# activations


def relu_reference(x: torch.Tensor) -> torch.Tensor:
    return torch.relu(x)


def leaky_relu_reference(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    return F.leaky_relu(x, negative_slope)


def elu_reference(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    return F.elu(x, alpha)


def sigmoid_reference(x: torch.Tensor) -> torch.Tensor:
    return torch.sigmoid(x)


def relu_flattened(x: torch.Tensor) -> torch.Tensor:
    """A classic mistake: the output flattened to one axis."""
    return torch.relu(x.flatten())


def relu_promoted_to_float32(x: torch.Tensor) -> torch.Tensor:
    """A classic mistake: a float16 or bfloat16 input answered in float32 (a constant made in the default
    dtype promotes the result)."""
    return torch.relu(x).to(torch.promote_types(x.dtype, torch.float32))


def leaky_relu_default_slope_0_2(x: torch.Tensor, negative_slope: float = 0.2) -> torch.Tensor:
    """A classic mistake: right for a given slope, but 0.2 by default rather than PyTorch's 0.01 (so this
    one's default differs from the reference's)."""
    return F.leaky_relu(x, negative_slope)


def leaky_relu_fixed_slope(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """A classic mistake: 0.01 whatever slope is given."""
    return F.leaky_relu(x, 0.01)


def elu_alpha_on_both_sides(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    """A classic mistake: the whole result scaled by alpha, the positive side too."""
    return alpha * F.elu(x)


def elu_fixed_alpha(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    """A classic mistake: alpha = 1 whatever alpha is given."""
    return F.elu(x)


def sigmoid_left_in_float32(x: torch.Tensor) -> torch.Tensor:
    """A classic mistake: computed in float32 and not cast back to the input's dtype."""
    return torch.sigmoid(x.float())


def _activation_inputs(argument: str | None):
    """Inputs of an elementwise function; ``argument`` (the slope or alpha) is passed only where the case
    names it, so that the cases without it grade the student's default."""

    def make(params, gen):
        inputs = dict(x=_uniform_x(params, gen))
        if argument is not None and argument in params:
            inputs[argument] = params[argument]
        return inputs

    return make


def _act(dtype: str = "float32", low: float = -4.0, high: float = 4.0, values: tuple[float, ...] = (),
         **extra) -> dict:
    params = dict(extra, dtype=dtype, low=low, high=high)
    if values:
        params["values"] = values
    return params


def _random_activation(argument: str | None, choices: tuple[float, ...], dtypes: tuple[str, ...]):
    def draw(rng: random.Random) -> dict:
        low, high = rng.choice([(-4.0, 4.0), (-4.0, 4.0), (-30.0, 30.0), (-0.01, 0.01)])
        params = _act(rng.choice(dtypes), low, high, **_random_shape(rng))
        if argument is not None and rng.random() < 0.7:
            params[argument] = rng.choice(choices)
        return params

    return draw


def _random_sigmoid(rng: random.Random) -> dict:
    dtype = rng.choice(["float32", "float32", "float64", "float16", "bfloat16"])
    bound = rng.choice([6.0, 30.0, 1000.0] if dtype != "float16" else [6.0, 12.0, 1000.0])
    return _act(dtype, -bound, bound, **_random_shape(rng))


# exp overflows at 88.72 in float32, 709.78 in float64 and 11.09 in float16; sigmoid there is still far from
# 0 in float16 (1.5e-5 at -11.1, above the tolerance), so the float16 case sits in that window
FLOAT32_EXTREMES = (1000.0, -1000.0, 100.0, -100.0, 88.8, -88.8, 50.0, -50.0, 20.0, -20.0, 0.0)
FLOAT64_EXTREMES = (1000.0, -1000.0, 745.0, -745.0, 710.0, -710.0, 100.0, -100.0, 0.0)
FLOAT16_EDGE = (-11.4, -11.3, -11.2, -11.15, -11.1, -10.0, 11.1, 11.3, 12.0, 1000.0, -1000.0)

# operators that compute an exercise's answer in one call; a correct answer never reaches them (checked
# with the profiler on the fixtures' correct answers). ReLU is also leaky_relu(x, 0), elu(x, 0) and
# hardtanh(x, 0, inf); celu and selu run an ELU underneath
RELU_OPERATORS = ("aten::relu", "aten::relu_", "aten::threshold", "aten::threshold_", "aten::hardtanh",
                  "aten::hardtanh_", "aten::leaky_relu", "aten::leaky_relu_", "aten::elu", "aten::elu_")
LEAKY_RELU_OPERATORS = ("aten::leaky_relu", "aten::leaky_relu_", "aten::rrelu", "aten::rrelu_with_noise",
                        "aten::prelu", "aten::_prelu_kernel")
ELU_OPERATORS = ("aten::elu", "aten::elu_", "aten::celu", "aten::celu_", "aten::selu", "aten::selu_")
# sigmoid(x) is also exp(logsigmoid(x)), and the second entry of softmax([0, x])
SIGMOID_OPERATORS = ("aten::sigmoid", "aten::sigmoid_", "aten::special_expit", "aten::log_sigmoid",
                     "aten::log_sigmoid_forward", "aten::_softmax")
SOFTMAX_OPERATORS = ("aten::softmax", "aten::_softmax", "aten::special_softmax", "aten::_safe_softmax",
                     "aten::_masked_softmax", "aten::log_softmax", "aten::_log_softmax",
                     "aten::special_log_softmax")


# ---------------------------------------------------------------------------------------------------------
# softmax


def softmax_reference(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return torch.softmax(x, dim)


def softmax_over_last_dim(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """A classic mistake: the last dimension, whatever ``dim`` says."""
    return torch.softmax(x, -1)


def _softmax_inputs(params, gen):
    """Values of std ``scale`` plus ``offset``; ``spread`` adds to each slice (each set of values that
    share a softmax) its own offset in [-spread, spread], so that slices lie far apart."""
    shape, dtype, dim = _shape(params), params["dtype"], params.get("dim", -1)
    x = randn(shape, gen, "float64", scale=params.get("scale", 2.0)) + params.get("offset", 0.0)
    if params.get("spread"):
        slice_shape = list(shape)
        slice_shape[dim] = 1
        x = x + uniform(tuple(slice_shape), gen, -params["spread"], params["spread"], dtype="float64")
    inputs = dict(x=x.to(DTYPES[dtype]))
    if "dim" in params:
        inputs["dim"] = dim
    return inputs


def _sm(dtype: str = "float32", **extra) -> dict:
    return dict(extra, dtype=dtype)


def _random_softmax(rng: random.Random) -> dict:
    sizes: dict = {}
    while not sizes:  # softmax needs an axis
        sizes = _random_shape(rng)
    ndim = len(sizes)
    params = _sm(rng.choice(["float32", "float32", "float64"]), **sizes)
    if rng.random() < 0.7:
        params["dim"] = rng.randrange(-ndim, ndim)
    params["scale"] = rng.choice([1.0, 3.0, 10.0])
    params["offset"] = rng.choice([0.0, 0.0, 1000.0, -1000.0])
    if rng.random() < 0.3:
        params["spread"] = 1000.0
    return params


# ---------------------------------------------------------------------------------------------------------
# losses


def mse_loss_reference(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.mse_loss(y_hat, y)


def mse_loss_divided_by_first_axis(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: the sum divided by len(y), the first axis's size (a 0-dim y raises TypeError)."""
    return F.mse_loss(y_hat, y, reduction="sum") / len(y)


def mse_loss_as_python_float(y_hat: torch.Tensor, y: torch.Tensor) -> float:
    """A classic mistake: the right number, as a Python float (``.item()``) rather than a 0-dim tensor."""
    return F.mse_loss(y_hat, y).item()


def mse_loss_root(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: the root of the mean squared error (RMSE)."""
    return torch.sqrt(F.mse_loss(y_hat, y))


def mse_loss_summed(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: the squared errors summed, not averaged."""
    return F.mse_loss(y_hat, y, reduction="sum")


def _mse_inputs(params, gen):
    shape, dtype, scale = _shape(params), params["dtype"], params.get("scale", 1.0)
    y_hat = randn(shape, gen, "float64", scale=scale)
    y = y_hat.clone() if params.get("identical") else randn(shape, gen, "float64", scale=scale)
    return dict(y_hat=y_hat.to(DTYPES[dtype]), y=y.to(DTYPES[dtype]))


def _random_mse(rng: random.Random) -> dict:
    return dict(_random_shape(rng), dtype=rng.choice(["float32", "float64"]), scale=rng.choice([1.0, 1.0, 30.0]))


def binary_cross_entropy_reference(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return F.binary_cross_entropy(y_hat, y)


def binary_cross_entropy_clamped_probabilities(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: y_hat clamped to [1e-7, 1 - 1e-7] (Keras's way), so a certain wrong prediction costs
    16.1 rather than 100."""
    return F.binary_cross_entropy(y_hat.clamp(1e-7, 1 - 1e-7), y)


def binary_cross_entropy_summed(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: the losses summed, not averaged."""
    return F.binary_cross_entropy(y_hat, y, reduction="sum")


def binary_cross_entropy_swapped_labels(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """A classic mistake: y paired with log(1 - y_hat) and 1 - y with log(y_hat), which is the loss of the
    opposite labels."""
    return F.binary_cross_entropy(y_hat, 1 - y)


# probabilities whose log lies below -100 in float32 (1e-45 is a subnormal) or near it, with the label that
# makes them count: a clamp of y_hat at some eps changes these terms
TINY = ((1e-30, 1.0), (1e-45, 1.0), (1e-8, 1.0), (1 - 2 ** -24, 0.0), (1e-44, 1.0), (0.5, 1.0))


def _bce_inputs(params, gen):
    """``labels``: hard (0/1) or soft (anywhere in [0, 1]). ``certain`` sets about half the probabilities,
    always the first, to exactly 0 or 1: ``right`` to the label, ``wrong`` to its opposite, ``mixed`` at
    random. ``tiny`` puts the values of ``TINY`` first."""
    shape, dtype = _shape(params), params["dtype"]
    p = uniform(shape, gen, 0.02, 0.98, dtype="float64")
    if params["labels"] == "hard":
        y = (torch.rand(shape, generator=gen, dtype=torch.float64) < 0.5).to(torch.float64)
    else:
        y = torch.rand(shape, generator=gen, dtype=torch.float64)
    certain = params.get("certain", "none")
    if certain != "none":
        chosen = torch.rand(shape, generator=gen) < 0.5
        chosen.reshape(-1)[0] = True
        coin = (torch.rand(shape, generator=gen) < 0.5).to(torch.float64)
        value = {"right": y.round(), "wrong": 1 - y.round(), "mixed": coin}[certain]
        p = torch.where(chosen, value, p)
    if params.get("tiny"):
        p = _with_values(p, [prob for prob, _ in TINY])
        y = _with_values(y, [label for _, label in TINY])
    return dict(y_hat=p.to(DTYPES[dtype]), y=y.to(DTYPES[dtype]))


def _bce(labels: str = "hard", certain: str = "none", dtype: str = "float32", tiny: bool = False, **sizes) -> dict:
    params = dict(sizes, labels=labels, certain=certain, dtype=dtype)
    if tiny:
        params["tiny"] = True
    return params


def _random_bce(rng: random.Random) -> dict:
    return _bce(labels=rng.choice(["hard", "soft"]), certain=rng.choice(["none", "none", "right", "wrong", "mixed"]),
                dtype=rng.choice(["float32", "float64"]), **_random_shape(rng))


# ---------------------------------------------------------------------------------------------------------
# gradient_descent_step


def gradient_descent_step_reference(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                                    lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """One SGD step on ``F.mse_loss(x @ w + b, y)``, gradients by autograd, on copies of ``w`` and ``b``.

    The update is ``torch.optim.sgd.sgd``, the function ``torch.optim.SGD.step`` runs (plain SGD: no
    momentum, no weight decay); calling it directly skips the class's first ``step``, which imports
    TorchDynamo (seconds, in every process that grades this exercise). ``tests/specs/test_reference_basics.py``
    checks that the class's step gives the same tensors, and that both match the gradient in closed form.
    """
    with torch.enable_grad():
        w = w.detach().clone().requires_grad_(True)
        b = b.detach().clone().requires_grad_(True)
        grad_w, grad_b = torch.autograd.grad(F.mse_loss(x @ w + b, y), [w, b])
    w, b = w.detach(), b.detach()
    sgd([w, b], [grad_w, grad_b], [None, None], weight_decay=0.0, momentum=0.0, lr=lr, dampening=0.0,
        nesterov=False, maximize=False)
    return w, b


# The step's classic mistakes, each the right step with another learning rate (or none for the bias): the
# gradient of the mean squared error over the N * K entries of y is 2 / (N K) * x^T r for w, with r = xw + b - y


def gradient_descent_step_bias_fixed(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                                     lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A classic mistake: the weights updated, the bias returned unchanged."""
    return gradient_descent_step_reference(w, b, x, y, lr)[0], b


def gradient_descent_step_ascent(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                                 lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A classic mistake: a step along the gradient rather than against it."""
    return gradient_descent_step_reference(w, b, x, y, -lr)


def gradient_descent_step_half(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                               lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A classic mistake: the gradient of half the mean squared error (1 / (N K) for 2 / (N K))."""
    return gradient_descent_step_reference(w, b, x, y, lr / 2)


def gradient_descent_step_per_sample_mean(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                                          lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A classic mistake: the mean taken over the N samples only (2 / N for 2 / (N K)): K times the step."""
    return gradient_descent_step_reference(w, b, x, y, lr * (y.numel() // x.shape[0]))


def gradient_descent_step_of_sum(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                                 lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    """A classic mistake: the gradient of the summed squared error (2 for 2 / (N K)): N K times the step."""
    return gradient_descent_step_reference(w, b, x, y, lr * y.numel())


def _gd_inputs(params, gen):
    """``K`` absent: one output (w ``(D,)``, b 0-dim, y ``(N,)``); present: w ``(D, K)``, b and y with K columns.
    The targets come from a different line plus noise, so the gradient is neither zero nor tiny."""
    n, d, dtype = params["N"], params["D"], params["dtype"]
    cols = (params["K"],) if "K" in params else ()
    x = randn((n, d), gen, "float64")
    w_true = randn((d,) + cols, gen, "float64")
    b_true = randn(cols, gen, "float64")
    y = x @ w_true + b_true + randn((n,) + cols, gen, "float64", scale=0.3)
    cast = DTYPES[dtype]
    return dict(w=randn((d,) + cols, gen, dtype, scale=0.5), b=randn(cols, gen, dtype, scale=0.5), x=x.to(cast),
                y=y.to(cast), lr=params["lr"])


def _gd(N: int, D: int, K: int | None = None, lr: float = 0.1, dtype: str = "float32") -> dict:
    params = dict(N=N, D=D, lr=lr, dtype=dtype)
    if K is not None:
        params["K"] = K
    return params


def _random_gd(rng: random.Random) -> dict:
    return _gd(N=rng.randint(1, 12), D=rng.randint(1, 6), K=rng.choice([None, None, 1, 2, 3, 4]),
               lr=rng.choice([0.01, 0.05, 0.1, 0.3]), dtype=rng.choice(["float32", "float64"]))


# what computes a gradient for the student: the exercise is to write it out
AUTOGRAD = ("torch.Tensor.backward", "torch.autograd.backward", "torch.autograd.grad")


# ---------------------------------------------------------------------------------------------------------
# batch_norm_train


def batch_norm_train_reference(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                               eps: float = 1e-5) -> torch.Tensor:
    return F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps)


def _bn_inputs(params, gen):
    """``(N, C)``, or ``(N, C, H, W)`` when H and W are given. Each channel has its own mean (-3..3) and
    spread (0.5..3), so statistics taken over the wrong axes show. ``constant``: channel 0 holds only this
    value (variance 0); ``tiny_variance``: the last channel's std is 1e-3, its variance 1e-6 a tenth of the
    default eps, so where eps goes matters.

    Both of these channels give 1 / sqrt(var + eps) about 300, which magnifies PyTorch's own float32
    rounding: its kernel computes x * a + (beta - mean * a), and with |x| near 1.5 the two terms cancel to
    within 2e-5, above float32's atol. So in float32 they are centred on 0, where the terms are small; the
    float64 cases hold a constant channel of 1.5."""
    n, c, dtype = params["N"], params["C"], params["dtype"]
    spatial = (params["H"], params["W"]) if "H" in params else ()
    view = (1, c) + (1,) * len(spatial)
    scale = uniform((c,), gen, 0.5, 3.0, dtype="float64")
    offset = uniform((c,), gen, -3.0, 3.0, dtype="float64")
    if params.get("tiny_variance"):
        scale[-1], offset[-1] = 1e-3, 0.0
    z = randn((n, c) + spatial, gen, "float64")
    axes = [0, *range(2, z.dim())]
    if z[:, 0].numel() > 1:
        # each channel's sample std is exactly its scale: a few values drawn close together by chance would
        # make a batch's variance tiny and the float32 problem ill-conditioned, for the reference too
        z = (z - z.mean(axes, keepdim=True)) / z.std(axes, correction=0, keepdim=True)
    x = z * scale.view(view) + offset.view(view)
    if "constant" in params:
        x[:, 0] = params["constant"]
    sign = torch.where(torch.rand((c,), generator=gen) < 0.25, -1.0, 1.0).to(torch.float64)
    inputs = dict(x=x.to(DTYPES[dtype]), gamma=(uniform((c,), gen, 0.5, 2.0, "float64") * sign).to(DTYPES[dtype]),
                  beta=randn((c,), gen, dtype, scale=0.7))
    if "eps" in params:
        inputs["eps"] = params["eps"]
    return inputs


def _bn(N: int, C: int, H: int | None = None, W: int | None = None, dtype: str = "float32", **extra) -> dict:
    params = dict(N=N, C=C, dtype=dtype, **extra)
    if H is not None:
        params.update(H=H, W=W)
    return params


def _random_bn(rng: random.Random) -> dict:
    images = rng.random() < 0.5
    params = _bn(N=rng.randint(2, 8), C=rng.randint(1, 6), dtype=rng.choice(["float32", "float64"]))
    if images:
        params.update(N=rng.randint(1, 5), H=rng.randint(1, 6), W=rng.randint(2, 6))
    if rng.random() < 0.6:
        params["eps"] = rng.choice([1e-5, 1e-3, 0.1, 0.5])
    return params


BATCH_NORM_OPERATORS = (
    "aten::batch_norm", "aten::_batch_norm_impl_index", "aten::native_batch_norm", "aten::_native_batch_norm_legit",
    "aten::_native_batch_norm_legit_no_training", "aten::_native_batch_norm_legit_functional",
    "aten::_batch_norm_with_update", "aten::_batch_norm_no_update", "aten::cudnn_batch_norm",
    "aten::miopen_batch_norm", "aten::batch_norm_stats", "aten::batch_norm_elemt",
    # the other normalisations compute batch norm in one call once the axes are moved
    "aten::instance_norm", "aten::layer_norm", "aten::native_layer_norm", "aten::group_norm",
    "aten::native_group_norm",
)


# ---------------------------------------------------------------------------------------------------------

# Timing sizes. The engine times the round trip of 3 calls, outputs sent back, and leaves batches under
# 50 ms unjudged; a student batch slower than 20 budgets of the reference is stopped (after at least 1 s).
# The sizes are chosen so that a loop reading and writing single elements takes 0.1 to 0.5 s a batch,
# measured at 50x to 200x the reference in a second or two, while vectorised answers (a loop over rows or
# channels included) take a few ms, ten times under the floor even on a loaded machine: at these sizes
# moving the outputs back, not the arithmetic, is what a vectorised call spends its time on, so larger
# inputs would only turn scheduling noise into ratios, and make the slow answers run for longer. At 64 x 64
# the element loop took 44 ms a batch on a faster machine (2026-12-01), under the floor: unjudged, it passed;
# at 128 x 128 it takes 0.17 s there.
ELEMENTWISE_TIMING = dict(R=128, C=128, dtype="float32", low=-6.0, high=6.0)

EXERCISES = [
    Exercise(
        id="linear_forward",
        module="basics",
        summary="a fully connected layer: x W^T + b over the last axis, any leading axes",
        reference_note="`F.linear`",
        points=3,
        reference=linear_forward_reference,
        mistakes=(
            Mistake("bias_none_not_handled", answer_key("basics", "linear_forward_bias_always_added")),
            # the three below raise alike on inputs with several leading axes: the most specific first
            Mistake("transpose_reverses_all_axes", answer_key("basics", "linear_forward_transposes_all_axes")),
            Mistake("matrices_only", answer_key("basics", "linear_forward_matrices_only")),
            Mistake("weight_not_transposed", answer_key("basics", "linear_forward_weight_not_transposed")),
            Mistake("leading_axes_not_restored", linear_forward_flattens_leading_dims),
        ),
        make_inputs=_linear_inputs,
        # I and O differ (a weight used without its transpose raises), except in square_weight, where it
        # runs and gives wrong values
        edge_cases=(
            Case("batch", _lin([4], 5, 3)),
            Case("single_vector", _lin([], 5, 3)),
            Case("sequence_batch", _lin([2, 6], 4, 3)),
            Case("three_leading_axes", _lin([2, 3, 2], 5, 4)),
            Case("no_bias", _lin([4], 5, 3, bias=False)),
            Case("single_vector_no_bias", _lin([], 6, 2, bias=False)),
            Case("one_output", _lin([5], 4, 1)),
            Case("one_input", _lin([5], 1, 3)),
            Case("square_weight", _lin([3], 4, 4)),
            Case("float64", _lin([2, 3], 5, 3, dtype="float64")),
        ),
        random_case=_random_linear,
        n_random=12,
        shrink={"I": 1, "O": 1},
        timing=Timing(_lin([32], 32, 16), budget=10.0),
        forbidden=("aten::linear",),
    ),
    Exercise(
        id="relu",
        module="basics",
        summary="max(x, 0) elementwise",
        reference_note="`torch.relu`",
        points=2,
        reference=relu_reference,
        mistakes=(
            Mistake("relu_keeps_negative_part", answer_key("basics", "relu_clamps_from_above")),
            Mistake("relu_step_function", answer_key("basics", "relu_step_function")),
            Mistake("returns_none", answer_key("basics", "relu_returns_none")),
            Mistake("output_flattened", relu_flattened),
            Mistake("output_in_float32", relu_promoted_to_float32),
        ),
        make_inputs=_activation_inputs(None),
        edge_cases=(
            Case("matrix", _act(R=4, C=6)),
            Case("scalar", _act(values=(-2.5,))),
            Case("scalar_positive", _act(values=(3.0,))),
            Case("vector", _act(C=9)),
            Case("three_axes", _act(B=2, R=3, C=4)),
            Case("zeros", _act(C=6, values=(0.0, -0.0, 0.0, -1e-30, 1e-30, -0.0))),
            Case("all_negative", _act(R=3, C=4, low=-5.0, high=-0.1)),
            Case("large_magnitudes", _act(R=2, C=5, low=-1e30, high=1e30)),
            Case("float64", _act("float64", R=3, C=5)),
            Case("float16", _act("float16", R=3, C=5)),
            Case("bfloat16", _act("bfloat16", B=2, R=2, C=3)),
        ),
        random_case=_random_activation(None, (), ("float32", "float32", "float64", "float16")),
        n_random=10,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(ELEMENTWISE_TIMING, budget=10.0),
        forbidden=RELU_OPERATORS,
    ),
    Exercise(
        id="leaky_relu",
        module="basics",
        summary="x where positive, negative_slope * x elsewhere, for any slope",
        reference_note="`F.leaky_relu`",
        points=2,
        reference=leaky_relu_reference,
        mistakes=(
            Mistake("leaky_relu_slope_not_multiplied", answer_key("basics", "leaky_relu_constant_for_negatives")),
            Mistake("wrong_default_negative_slope", leaky_relu_default_slope_0_2),
            Mistake("ignores_negative_slope", leaky_relu_fixed_slope),
            # max(x, slope * x) equals the slope put on the positive side where slope > 1: it comes first
            Mistake("leaky_relu_max_shortcut", answer_key("basics", "leaky_relu_max_shortcut")),
            Mistake("slope_on_positive_side", answer_key("basics", "leaky_relu_slope_on_positive_side")),
        ),
        make_inputs=_activation_inputs("negative_slope"),
        edge_cases=(
            Case("default_slope", _act(R=4, C=6)),
            Case("slope_0.2", _act(R=4, C=6, negative_slope=0.2)),
            Case("slope_0", _act(R=3, C=5, negative_slope=0.0)),
            Case("slope_1", _act(C=7, negative_slope=1.0)),
            # max(x, a * x) picks a * x for positive x once a > 1
            Case("slope_above_1", _act(R=3, C=4, negative_slope=1.5)),
            Case("scalar_negative", _act(values=(-3.0,), negative_slope=0.3)),
            Case("three_axes_default_slope", _act(B=2, R=3, C=4)),
            Case("float64", _act("float64", R=3, C=5, negative_slope=0.05)),
            Case("float16", _act("float16", R=3, C=5, negative_slope=0.25)),
        ),
        random_case=_random_activation("negative_slope", (0.01, 0.1, 0.2, 0.3, 0.5, 2.0), ("float32", "float64")),
        n_random=10,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(dict(ELEMENTWISE_TIMING, negative_slope=0.1), budget=10.0),
        forbidden=LEAKY_RELU_OPERATORS,
    ),
    Exercise(
        id="elu",
        module="basics",
        summary="x where positive, alpha * (exp(x) - 1) elsewhere",
        reference_note="`F.elu`",
        points=3,
        reference=elu_reference,
        mistakes=(
            Mistake("elu_alpha_on_positive_side", elu_alpha_on_both_sides),
            Mistake("elu_alpha_outside_parentheses", answer_key("basics", "elu_alpha_outside_parentheses")),
            Mistake("ignores_alpha", elu_fixed_alpha),
            Mistake("elu_masks_multiply_inf", answer_key("basics", "elu_masks_multiply_overflow")),
            Mistake("elu_missing_minus_one", answer_key("basics", "elu_missing_minus_one")),
        ),
        make_inputs=_activation_inputs("alpha"),
        edge_cases=(
            Case("default_alpha", _act(R=4, C=6)),
            Case("alpha_0.5", _act(R=4, C=6, alpha=0.5)),
            Case("alpha_2", _act(R=3, C=5, alpha=2.0)),
            Case("scalar_negative", _act(values=(-1.0,), alpha=1.5)),
            Case("near_zero", _act(C=8, low=-1e-3, high=1e-3, values=(0.0, -1e-6, 1e-6))),
            # exp overflows past 88.7 in float32: it must not reach the positive outputs
            Case("large_magnitudes", _act(R=3, C=4, low=-200.0, high=200.0, values=(100.0, 1000.0, -1000.0))),
            Case("three_axes", _act(B=2, R=3, C=2, alpha=0.7)),
            Case("float64", _act("float64", R=3, C=5, alpha=1.3, values=(800.0, -800.0))),
        ),
        random_case=_random_activation("alpha", (0.5, 1.0, 1.5, 2.0), ("float32", "float64")),
        n_random=10,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(ELEMENTWISE_TIMING, budget=10.0),
        forbidden=ELU_OPERATORS,
    ),
    Exercise(
        id="sigmoid",
        module="basics",
        summary="the logistic sigmoid, stable up to |x| = 1000, half precision too",
        reference_note="`torch.sigmoid`",
        points=3,
        reference=sigmoid_reference,
        mistakes=(
            Mistake("sigmoid_clamps_input", answer_key("basics", "sigmoid_clamps_input")),
            Mistake("sigmoid_exp_over_one_plus_exp", answer_key("basics", "sigmoid_exp_over_one_plus_exp")),
            Mistake("sigmoid_overflows_in_half", answer_key("basics", "sigmoid_in_input_dtype")),
            Mistake("sigmoid_tanh_without_half", answer_key("basics", "sigmoid_tanh_without_half")),
            Mistake("output_in_float32", sigmoid_left_in_float32),
        ),
        make_inputs=_activation_inputs(None),
        edge_cases=(
            Case("matrix", _act(R=4, C=6, low=-6.0, high=6.0)),
            Case("scalar", _act(values=(-1.5,))),
            Case("three_axes", _act(B=2, R=3, C=4, low=-6.0, high=6.0)),
            Case("large_magnitudes", _act(R=3, C=6, low=-1000.0, high=1000.0, values=FLOAT32_EXTREMES)),
            Case("float64_large_magnitudes", _act("float64", R=2, C=6, low=-1000.0, high=1000.0,
                                                  values=FLOAT64_EXTREMES)),
            Case("float16_beyond_exp_range", _act("float16", R=3, C=5, low=-12.0, high=12.0, values=FLOAT16_EDGE)),
            Case("float16", _act("float16", R=3, C=5, low=-8.0, high=8.0)),
            Case("bfloat16_large_magnitudes", _act("bfloat16", R=3, C=4, low=-100.0, high=100.0,
                                                   values=(1000.0, -1000.0, 90.0, -90.0))),
        ),
        random_case=_random_sigmoid,
        n_random=12,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(ELEMENTWISE_TIMING, budget=10.0),
        forbidden=SIGMOID_OPERATORS,
    ),
    Exercise(
        id="softmax",
        module="basics",
        summary="softmax along any dim, stable at x = 1000 and with slices far apart",
        reference_note="`torch.softmax`",
        points=4,
        reference=softmax_reference,
        mistakes=(
            Mistake("softmax_ignores_dim", softmax_over_last_dim),
            Mistake("softmax_global_max_shift", answer_key("basics", "softmax_global_max_shift")),
            Mistake("softmax_without_max_shift", answer_key("basics", "softmax_without_max_shift")),
            Mistake("softmax_shift_by_mean", answer_key("basics", "softmax_shift_by_mean")),
            Mistake("sum_without_keepdim", answer_key("basics", "softmax_sum_without_keepdim")),
        ),
        make_inputs=_softmax_inputs,
        # R and C differ (a sum taken without keepdim raises, a wrong axis gives other numbers)
        edge_cases=(
            Case("matrix_default_dim", _sm(R=4, C=6)),
            Case("vector", _sm(C=7)),
            Case("dim_0", _sm(R=5, C=3, dim=0)),
            Case("dim_1_of_2", _sm(R=4, C=6, dim=1)),
            Case("middle_dim", _sm(B=2, R=5, C=3, dim=1)),
            Case("dim_-2", _sm(B=3, R=4, C=2, dim=-2)),
            Case("dim_-3", _sm(B=4, R=2, C=3, dim=-3)),
            Case("single_entry_slices", _sm(R=5, C=1)),
            Case("values_near_1000", _sm(R=3, C=5, offset=1000.0)),
            Case("slices_far_apart", _sm(R=6, C=4, spread=1000.0)),
            Case("slices_far_apart_dim_0", _sm(R=4, C=5, spread=1000.0, dim=0)),
            Case("wide_rows", _sm(R=3, C=8, scale=500.0)),
            Case("float64_values_near_1000", _sm("float64", R=4, C=3, offset=1000.0, dim=0)),
            Case("float64", _sm("float64", B=2, R=3, C=4, dim=-2)),
        ),
        random_case=_random_softmax,
        n_random=12,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(_sm(R=16, C=256), budget=10.0, calls=FLOOR_CALLS),
        forbidden=SOFTMAX_OPERATORS,
    ),
    Exercise(
        id="mse_loss",
        module="basics",
        summary="the mean of the squared differences over every element",
        reference_note="`F.mse_loss`",
        points=2,
        reference=mse_loss_reference,
        mistakes=(
            Mistake("mse_divides_by_first_axis", mse_loss_divided_by_first_axis),
            Mistake("returns_python_float", mse_loss_as_python_float),
            Mistake("root_mean_squared_error", mse_loss_root),
            Mistake("mse_square_of_mean_error", answer_key("basics", "mse_loss_square_of_mean")),
            Mistake("loss_summed_not_averaged", mse_loss_summed),
        ),
        make_inputs=_mse_inputs,
        edge_cases=(
            Case("vector", dict(C=6, dtype="float32")),
            Case("matrix", dict(R=4, C=5, dtype="float32")),
            Case("three_axes", dict(B=2, R=3, C=4, dtype="float32")),
            Case("scalar", dict(dtype="float32")),
            Case("single_element", dict(C=1, dtype="float32")),
            Case("identical", dict(R=3, C=3, dtype="float32", identical=True)),
            Case("large_errors", dict(R=3, C=2, dtype="float32", scale=100.0)),
            Case("float64", dict(R=5, C=2, dtype="float64")),
        ),
        random_case=_random_mse,
        n_random=10,
        shrink={"B": 1, "R": 1, "C": 1},
        # a scalar comes back, so 8k values cost a vectorised call little; a loop reading them needs that many
        timing=Timing(dict(R=64, C=128, dtype="float32"), budget=10.0, calls=FLOOR_CALLS),
        forbidden=("aten::mse_loss",),
    ),
    Exercise(
        id="binary_cross_entropy",
        module="basics",
        summary="the mean binary cross-entropy, logs clamped at -100, probabilities 0 and 1 included",
        reference_note="`F.binary_cross_entropy`",
        points=4,
        reference=binary_cross_entropy_reference,
        mistakes=(
            Mistake("bce_clamps_terms_not_logs", answer_key("basics", "binary_cross_entropy_clamps_terms")),
            Mistake("bce_clamps_probabilities", binary_cross_entropy_clamped_probabilities),
            Mistake("bce_logs_not_clamped", answer_key("basics", "binary_cross_entropy_no_clamp")),
            Mistake("loss_summed_not_averaged", binary_cross_entropy_summed),
            Mistake("bce_swapped_terms", binary_cross_entropy_swapped_labels),
        ),
        make_inputs=_bce_inputs,
        edge_cases=(
            Case("hard_labels", _bce(C=8)),
            Case("soft_labels", _bce("soft", R=3, C=5)),
            Case("certain_and_right", _bce(certain="right", C=8)),
            Case("certain_and_wrong", _bce(certain="wrong", C=8)),
            Case("certain_mixed", _bce(certain="mixed", R=4, C=5)),
            Case("certain_soft_labels", _bce("soft", certain="mixed", R=3, C=4)),
            Case("tiny_probabilities", _bce(tiny=True, C=8)),
            Case("scalar", _bce()),
            Case("three_axes", _bce(certain="mixed", B=2, R=3, C=2)),
            Case("float64_certain", _bce(certain="mixed", dtype="float64", R=3, C=4)),
            Case("float64_tiny", _bce(tiny=True, dtype="float64", C=7)),
        ),
        random_case=_random_bce,
        n_random=12,
        shrink={"B": 1, "R": 1, "C": 1},
        timing=Timing(_bce(certain="mixed", R=64, C=128), budget=10.0, calls=FLOOR_CALLS),
        forbidden=("aten::binary_cross_entropy", "aten::binary_cross_entropy_with_logits"),
    ),
    Exercise(
        id="gradient_descent_step",
        module="basics",
        summary="one full-batch gradient step of linear regression on the mean squared error",
        reference_note="autograd + the SGD update, checked against `torch.optim.SGD` and the gradient by hand",
        points=5,
        reference=gradient_descent_step_reference,
        mistakes=(
            Mistake("bias_not_updated", gradient_descent_step_bias_fixed),
            Mistake("gradient_ascent", gradient_descent_step_ascent),
            Mistake("half_mse_gradient", gradient_descent_step_half),
            Mistake("gradient_mean_over_samples_only", gradient_descent_step_per_sample_mean),
            Mistake("gradient_of_summed_loss", gradient_descent_step_of_sum),
        ),
        make_inputs=_gd_inputs,
        # N, D and K differ (x used untransposed raises) except in the square cases, where it runs
        edge_cases=(
            Case("one_output", _gd(N=8, D=3)),
            Case("k_outputs", _gd(N=7, D=3, K=2, lr=0.05)),
            Case("one_output_column", _gd(N=6, D=4, K=1)),
            Case("single_sample", _gd(N=1, D=3)),
            Case("single_feature", _gd(N=5, D=1, lr=0.2)),
            Case("square_x", _gd(N=4, D=4)),
            Case("square_k_outputs", _gd(N=3, D=3, K=3, lr=0.05)),
            Case("lr_0", _gd(N=6, D=2, lr=0.0)),
            Case("lr_1", _gd(N=9, D=2, K=2, lr=1.0)),
            Case("float64", _gd(N=9, D=2, K=3, lr=0.2, dtype="float64")),
            Case("float64_one_output", _gd(N=5, D=3, lr=0.3, dtype="float64")),
        ),
        random_case=_random_gd,
        n_random=12,
        shrink={"N": 1, "D": 1, "K": 1},
        timing=Timing(_gd(N=64, D=16, K=4), budget=10.0, calls=FLOOR_CALLS),
        forbidden=AUTOGRAD,
    ),
    Exercise(
        id="batch_norm_train",
        module="basics",
        summary="training-mode batch normalisation of (N, C) and (N, C, H, W) with the biased variance",
        reference_note="`F.batch_norm(training=True)`",
        points=5,
        reference=batch_norm_train_reference,
        mistakes=(
            Mistake("unbiased_variance", answer_key("basics", "batch_norm_train_unbiased_variance")),
            Mistake("batch_norm_batch_axis_only", answer_key("basics", "batch_norm_train_batch_axis_only")),
            Mistake("eps_added_to_std", answer_key("basics", "batch_norm_train_eps_added_to_std")),
            Mistake("eps_subtracted_from_variance", answer_key("basics", "batch_norm_train_eps_subtracted")),
            Mistake("normalised_per_sample", answer_key("basics", "batch_norm_train_per_sample")),
        ),
        make_inputs=_bn_inputs,
        # N, C, H and W differ, except in square_2d, where normalising over the wrong axis runs
        edge_cases=(
            Case("rows", _bn(N=8, C=3)),
            Case("images", _bn(N=4, C=3, H=5, W=6)),
            Case("batch_of_two", _bn(N=2, C=5)),
            Case("one_image", _bn(N=1, C=3, H=4, W=5)),
            Case("one_channel_images", _bn(N=3, C=1, H=4, W=2)),
            Case("square_2d", _bn(N=4, C=4)),
            Case("eps_0.5", _bn(N=6, C=3, eps=0.5)),
            Case("images_eps_1", _bn(N=3, C=2, H=3, W=4, eps=1.0)),
            Case("constant_channel", _bn(N=5, C=3, constant=0.0)),
            Case("constant_channel_images", _bn(N=2, C=3, H=3, W=2, constant=0.0)),
            Case("tiny_variance", _bn(N=6, C=3, H=2, W=3, tiny_variance=True)),
            Case("one_by_one_images", _bn(N=5, C=3, H=1, W=1)),
            Case("float64_images", _bn(N=3, C=4, H=2, W=5, dtype="float64")),
            Case("float64_eps_0.1", _bn(N=7, C=2, dtype="float64", eps=0.1)),
            Case("float64_constant_channel", _bn(N=4, C=3, H=2, W=2, dtype="float64", constant=1.5)),
        ),
        random_case=_random_bn,
        n_random=12,
        shrink={"N": 1, "C": 1, "H": 1, "W": 1},
        timing=Timing(_bn(N=4, C=4, H=16, W=16), budget=10.0, calls=FLOOR_CALLS),
        forbidden=BATCH_NORM_OPERATORS,
    ),
]
