"""Optimisers: one step of SGD (momentum, dampening, Nesterov, weight decay), one step of Adam, and early
stopping.

``sgd_step`` and ``adam_step`` are graded against PyTorch's own optimisers: the reference builds a real
``torch.optim.SGD`` / ``torch.optim.Adam`` over copies of the parameters, with their ``.grad`` set and the
optimiser's state seeded with the buffers the case gives, and runs one ``.step()``.
(``tests/specs/test_reference_optim.py`` checks that this is what several steps of an untouched optimiser
give, and checks the update against the formulas evaluated in float64.) The first ``.step()`` of an optimiser
in a process imports TorchDynamo (about 3 s, once per grading process).

``early_stopping`` has no PyTorch counterpart: its reference is hand-written (``autograder/keys/optim.py``),
cross-checked in the tests against a second implementation that replays training epoch by epoch.
"""

from __future__ import annotations

import random

import torch
from torch.optim.adam import adam
from torch.optim.sgd import sgd

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake, Timing, randn, uniform

ORDER = 7  # after gradient descent (basics), before convolutions

# Whatever runs a torch optimiser's update. Every optimiser class of torch.optim is built through
# Optimizer.__init__ (SGD, ASGD, whose update without decay is plain SGD, Adam, AdamW...); the functional
# forms are what their .step() calls, by the single-tensor, multi-tensor (foreach) or fused route. The fused
# kernels do a whole step in one aten operator; the foreach operators are those the two optimisers' steps
# dispatch by default on a GPU (PyTorch's profiler lists them), which no plain answer needs: tensor arithmetic
# (add, mul, lerp, addcmul, sqrt...) stays allowed.
OPTIMIZER_CLASSES = ("torch.optim.Optimizer.__init__",)
SGD_FUNCTIONS = (
    "torch.optim.sgd.sgd", "torch.optim.sgd._single_tensor_sgd", "torch.optim.sgd._multi_tensor_sgd",
    "torch.optim.sgd._fused_sgd", "torch.optim.asgd.asgd", "torch.optim.asgd._single_tensor_asgd",
    "torch.optim.asgd._multi_tensor_asgd", "aten::_fused_sgd", "aten::_fused_sgd_",
)
ADAM_FUNCTIONS = (
    "torch.optim.adam.adam", "torch.optim.adam._single_tensor_adam", "torch.optim.adam._multi_tensor_adam",
    "torch.optim.adam._fused_adam", "torch.optim.adamw.adamw", "aten::_fused_adam", "aten::_fused_adam_",
    "aten::_fused_adamw", "aten::_fused_adamw_",
)
FOREACH_OPERATORS = (
    "aten::_foreach_add", "aten::_foreach_add_", "aten::_foreach_mul", "aten::_foreach_mul_",
    "aten::_foreach_addcmul", "aten::_foreach_addcmul_", "aten::_foreach_addcdiv", "aten::_foreach_addcdiv_",
    "aten::_foreach_div", "aten::_foreach_div_", "aten::_foreach_lerp", "aten::_foreach_lerp_",
    "aten::_foreach_sqrt", "aten::_foreach_sqrt_",
)


def _copy(tensor: torch.Tensor) -> torch.Tensor:
    return tensor.detach().clone()


# ---------------------------------------------------------------------------------------------------------
# sgd_step


def sgd_step_reference(params: list[torch.Tensor], grads: list[torch.Tensor],
                       momentum_buffers: list[torch.Tensor | None], lr: float, momentum: float = 0.0,
                       dampening: float = 0.0, weight_decay: float = 0.0,
                       nesterov: bool = False) -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
    """One ``torch.optim.SGD(...).step()`` on copies of ``params``, the given buffers as its state: the
    function that step runs (``torch.optim.sgd.sgd``), after the checks its constructor makes. Not the class
    itself: building an optimiser imports TorchDynamo, seconds in every grading process
    (tests/specs/test_reference_optim.py checks the two agree bit for bit).

    The buffers after the step are the optimiser's state; a parameter without one (momentum 0, or a buffer
    ``None`` before the first step with momentum 0) gives ``None``. ``ValueError`` for a negative lr, momentum
    or weight decay, and for Nesterov without momentum or with dampening, as the constructor raises.
    """
    if lr < 0 or momentum < 0 or weight_decay < 0 or (nesterov and (momentum <= 0 or dampening != 0)):
        raise ValueError("an SGD hyperparameter torch.optim.SGD refuses")
    leaves = [_copy(p) for p in params]
    buffers = [None if buffer is None else _copy(buffer) for buffer in momentum_buffers]
    sgd(leaves, [_copy(grad) for grad in grads], buffers, weight_decay=weight_decay, momentum=momentum, lr=lr,
        dampening=dampening, nesterov=nesterov, maximize=False)
    return leaves, buffers


HYPERPARAMETERS = ("momentum", "dampening", "weight_decay", "nesterov")


def _sgd_inputs(params, gen):
    """``shapes``: one parameter tensor per shape, its gradient beside it; ``buffers``: ``"none"`` (the first
    step: every buffer ``None``), ``"all"`` (a buffer per parameter) or ``"some"`` (the first ``None``, the
    others given). The hyperparameters are passed only where the case names them, so the defaults are tested."""
    dtype = params["dtype"]
    shapes = [tuple(shape) for shape in params["shapes"]]
    tensors = [randn(shape, gen, dtype) for shape in shapes]
    grads = [randn(shape, gen, dtype) for shape in shapes]
    buffers: list[torch.Tensor | None] = [randn(shape, gen, dtype, scale=0.5) for shape in shapes]
    if params["buffers"] == "none":
        buffers = [None] * len(shapes)
    elif params["buffers"] == "some":
        buffers[0] = None
    inputs = dict(params=tensors, grads=grads, momentum_buffers=buffers, lr=params["lr"])
    inputs.update({key: params[key] for key in HYPERPARAMETERS if key in params})
    return inputs


def _sgd(shapes=((3, 4), (4,)), lr: float = 0.1, buffers: str = "none", dtype: str = "float32", **hyper) -> dict:
    return dict(shapes=shapes, lr=lr, buffers=buffers, dtype=dtype, **hyper)


def _random_shapes(rng: random.Random) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(rng.randint(1, 6) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 4)))


def _random_sgd(rng: random.Random) -> dict:
    momentum = rng.choice([0.0, 0.5, 0.9, 0.99])
    nesterov = momentum > 0 and rng.random() < 0.4
    hyper = dict(momentum=momentum, dampening=0.0 if nesterov else rng.choice([0.0, 0.0, 0.1, 0.5]),
                 weight_decay=rng.choice([0.0, 0.0, 1e-2, 0.1]), nesterov=nesterov)
    buffers = "none" if momentum == 0 else rng.choice(["none", "all", "all", "some"])
    return _sgd(_random_shapes(rng), lr=rng.choice([0.01, 0.1, 0.5]), buffers=buffers,
                dtype=rng.choice(["float32", "float64"]), **hyper)


# ---------------------------------------------------------------------------------------------------------
# adam_step


def adam_step_reference(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor,
                        step: int, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                        weight_decay: float = 0.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One ``torch.optim.Adam(...).step()`` on a copy of ``param``, its state the given moments after
    ``step - 1`` steps (Adam counts the step it takes, then corrects the bias with it): the function that step
    runs (``torch.optim.adam.adam``), after the checks its constructor makes (``ValueError`` for a negative lr,
    eps or weight decay, and for a beta outside [0, 1)); see :func:`sgd_step_reference` for why."""
    if lr < 0 or eps < 0 or weight_decay < 0 or not all(0.0 <= beta < 1.0 for beta in betas):
        raise ValueError("an Adam hyperparameter torch.optim.Adam refuses")
    leaf, moments = _copy(param), (_copy(exp_avg), _copy(exp_avg_sq))
    # the step count as Adam keeps it: a float32 tensor on the CPU
    adam([leaf], [_copy(grad)], [moments[0]], [moments[1]], [], [torch.tensor(float(step - 1))], amsgrad=False,
         beta1=betas[0], beta2=betas[1], lr=lr, weight_decay=weight_decay, eps=eps, maximize=False)
    return leaf, moments[0], moments[1]


ADAM_OPTIONS = ("lr", "betas", "eps", "weight_decay")


def _adam_inputs(params, gen):
    """At ``step`` 1 the moments are zero, as Adam starts them; later they are what earlier gradients could have
    left (a running mean near the gradient's scale, a positive running mean of squares). ``grad``: ``"zero"``
    gives a zero gradient. Options are passed only where the case names them."""
    shape, dtype, step = tuple(params["shape"]), params["dtype"], params["step"]
    param = randn(shape, gen, dtype)
    grad = randn(shape, gen, dtype, scale=params.get("grad_scale", 1.0))
    if params.get("grad") == "zero":
        grad = torch.zeros_like(grad)
    if step == 1:
        exp_avg, exp_avg_sq = torch.zeros_like(param), torch.zeros_like(param)
    else:
        exp_avg = randn(shape, gen, dtype, scale=0.3)
        exp_avg_sq = uniform(shape, gen, 0.01, 1.0, dtype)
    inputs = dict(param=param, grad=grad, exp_avg=exp_avg, exp_avg_sq=exp_avg_sq, step=step)
    inputs.update({key: params[key] for key in ADAM_OPTIONS if key in params})
    return inputs


def _adam(shape=(3, 4), step: int = 1, dtype: str = "float32", **options) -> dict:
    return dict(shape=shape, step=step, dtype=dtype, **options)


def _random_adam(rng: random.Random) -> dict:
    options: dict = dict(lr=rng.choice([1e-3, 1e-2, 0.1]))
    if rng.random() < 0.5:
        options["betas"] = (rng.choice([0.0, 0.5, 0.8, 0.9]), rng.choice([0.9, 0.99, 0.999]))
    if rng.random() < 0.3:
        options["eps"] = rng.choice([1e-8, 1e-4, 1e-2])
    if rng.random() < 0.3:
        options["weight_decay"] = rng.choice([1e-2, 0.1])
    shape = tuple(rng.randint(1, 6) for _ in range(rng.randint(0, 3)))
    return _adam(shape, step=rng.choice([1, 1, 2, 5, rng.randint(2, 2000)]), dtype=rng.choice(["float32", "float64"]),
                 **options)


# ---------------------------------------------------------------------------------------------------------
# early_stopping


def _early_inputs(params, gen):
    """``losses`` given, or a random walk of ``epochs`` losses (multiples of 1/64, so every difference is exact
    in floating point); ``min_delta`` only where the case names it."""
    losses = params.get("losses")
    if losses is None:
        steps = torch.randint(-6, 5, (params["epochs"],), generator=gen).tolist()
        level, losses = 128, []
        for step in steps:
            level = max(1, level + step)
            losses.append(level / 64)
    inputs = dict(val_losses=[float(loss) for loss in losses], patience=params["patience"])
    if "min_delta" in params:
        inputs["min_delta"] = params["min_delta"]
    return inputs


def _early(losses, patience: int, **min_delta: float) -> dict:
    return dict(losses=tuple(losses), patience=patience, **min_delta)


def _random_early(rng: random.Random) -> dict:
    params: dict = dict(epochs=rng.randint(1, 30), patience=rng.randint(1, 5))
    if rng.random() < 0.5:
        params["min_delta"] = rng.choice([0.0, 1 / 64, 2 / 64, 4 / 64])
    return params


# ---------------------------------------------------------------------------------------------------------

# two small layers, 25k values: enough for a loop over elements to show, small enough to compare quickly
_LAYER_SHAPES = ((128, 128), (128,), (64, 128), (64,))

EXERCISES = [
    Exercise(
        id="sgd_step",
        module="optim",
        summary="one torch.optim.SGD step on a list of tensors: weight decay, momentum, dampening, Nesterov",
        reference_note="one `torch.optim.SGD(...).step()`, its state seeded with the buffers",
        points=8,
        reference=sgd_step_reference,
        make_inputs=_sgd_inputs,
        edge_cases=(
            Case("plain", _sgd()),
            Case("zero_dim_parameter", _sgd(shapes=((),), lr=0.5)),
            Case("weight_decay", _sgd(weight_decay=0.1)),
            Case("momentum_zero_stated", _sgd(momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False)),
            # the first step with momentum: the buffer is the gradient itself
            Case("momentum_first_step", _sgd(momentum=0.9)),
            Case("momentum_with_buffers", _sgd(momentum=0.9, buffers="all")),
            # the first step ignores dampening: the buffer is the gradient, not (1 - dampening) times it
            Case("dampening_first_step", _sgd(momentum=0.9, dampening=0.5)),
            Case("dampening_with_buffers", _sgd(momentum=0.9, dampening=0.5, buffers="all")),
            Case("nesterov_first_step", _sgd(momentum=0.9, nesterov=True)),
            Case("nesterov_with_buffers", _sgd(momentum=0.9, nesterov=True, buffers="all")),
            # weight decay joins the gradient before the momentum buffer takes it
            Case("weight_decay_and_momentum", _sgd(momentum=0.9, weight_decay=0.1, buffers="all")),
            Case("some_buffers_none", _sgd(shapes=((2, 3), (3,), (4,)), momentum=0.5, buffers="some")),
            Case("everything", _sgd(shapes=((4, 3), (3,), (2, 2, 2)), lr=0.05, momentum=0.9, weight_decay=0.01,
                                    nesterov=True, buffers="some")),
            Case("float64", _sgd(momentum=0.9, dampening=0.1, weight_decay=0.01, buffers="all", dtype="float64")),
            Case("nesterov_without_momentum", _sgd(nesterov=True)),
            Case("nesterov_with_dampening", _sgd(momentum=0.9, dampening=0.5, nesterov=True)),
            Case("negative_lr", _sgd(lr=-0.1)),
        ),
        random_case=_random_sgd,
        n_random=5,
        # a Python loop over the parameter tensors is natural and fast; one over their elements is not
        timing=Timing(_sgd(shapes=_LAYER_SHAPES, momentum=0.9, weight_decay=1e-4, buffers="all"), budget=10.0),
        forbidden=OPTIMIZER_CLASSES + SGD_FUNCTIONS + FOREACH_OPERATORS,
        mistakes=(
            Mistake("sgd_dampens_first_step", answer_key("optim", "sgd_step_dampens_first_step")),
            Mistake("sgd_decoupled_weight_decay", answer_key("optim", "sgd_step_decoupled_weight_decay")),
            Mistake("nesterov_uses_old_buffer", answer_key("optim", "sgd_step_nesterov_old_buffer")),
        ),
    ),
    Exercise(
        id="adam_step",
        module="optim",
        summary="one torch.optim.Adam step: both moments, bias correction, eps outside the root, L2 decay",
        reference_note="one `torch.optim.Adam(...).step()`, its state seeded with the moments",
        points=8,
        reference=adam_step_reference,
        make_inputs=_adam_inputs,
        edge_cases=(
            Case("first_step", _adam()),
            Case("first_step_lr_0.1", _adam(lr=0.1)),
            Case("second_step", _adam(step=2, lr=0.01)),
            Case("step_10", _adam(shape=(5,), step=10, lr=0.01)),
            Case("step_5000", _adam(shape=(2, 3), step=5000, lr=0.01)),
            Case("zero_dim", _adam(shape=(), step=3, lr=0.1)),
            Case("four_axes", _adam(shape=(2, 3, 2, 2), step=4, lr=0.01)),
            Case("custom_betas", _adam(step=3, lr=0.01, betas=(0.5, 0.9))),
            Case("beta1_zero", _adam(step=2, lr=0.01, betas=(0.0, 0.99))),
            # eps added after the root of the corrected second moment: a large eps shows where it goes
            Case("large_eps", _adam(step=3, lr=0.1, eps=0.1)),
            Case("large_eps_first_step", _adam(lr=0.1, eps=0.1, grad_scale=0.1)),
            # L2 weight decay joins the gradient (Adam's, not AdamW's decoupled decay)
            Case("weight_decay", _adam(step=3, lr=0.01, weight_decay=0.1)),
            Case("zero_grad", _adam(step=4, lr=0.01, grad="zero")),
            Case("float64", _adam(step=7, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01,
                                  dtype="float64")),
            Case("beta_of_one", _adam(lr=0.01, betas=(1.0, 0.999))),
            Case("negative_eps", _adam(lr=0.01, eps=-1e-8)),
        ),
        random_case=_random_adam,
        n_random=5,
        timing=Timing(_adam(shape=(128, 256), step=10, lr=1e-3, weight_decay=1e-4), budget=10.0),
        forbidden=OPTIMIZER_CLASSES + ADAM_FUNCTIONS + FOREACH_OPERATORS,
        mistakes=(
            Mistake("adam_eps_inside_sqrt", answer_key("optim", "adam_step_eps_inside_sqrt")),
            Mistake("adam_no_bias_correction", answer_key("optim", "adam_step_no_bias_correction")),
            Mistake("adam_returns_corrected_moments", answer_key("optim", "adam_step_returns_corrected_moments")),
        ),
    ),
    Exercise(
        id="early_stopping",
        module="optim",
        summary="the epoch early stopping ends training after, and the best epoch, from validation losses",
        reference_note="hand-written, checked against an epoch-by-epoch replay",
        points=4,
        reference=answer_key("optim", "early_stopping_reference"),
        make_inputs=_early_inputs,
        edge_cases=(
            Case("improves_every_epoch", _early([1.0, 0.75, 0.5, 0.25], patience=2)),
            Case("stops_after_patience", _early([1.0, 0.5, 0.625, 0.75, 0.875, 1.0], patience=2)),
            Case("patience_1", _early([1.0, 0.5, 0.75, 0.25, 0.125], patience=1)),
            # the count of epochs without improvement starts again at each improvement
            Case("recovers_before_patience", _early([1.0, 0.5, 0.75, 0.25, 0.5, 0.625, 0.75, 0.0625], patience=2)),
            # an equal loss is no improvement: the best epoch is the first to reach it
            Case("tie_is_no_improvement", _early([1.0, 0.5, 0.5, 0.5, 0.5], patience=3)),
            Case("worse_from_the_start", _early([0.5, 1.0, 2.0, 4.0, 8.0], patience=1)),
            Case("single_epoch", _early([0.5], patience=3)),
            Case("patience_longer_than_training", _early([1.0, 1.5, 2.0], patience=5)),
            Case("negative_losses", _early([-1.0, -2.0, -1.5, -2.5, -2.25, -2.125], patience=2)),
            # improvements of exactly min_delta do not count
            Case("min_delta_exactly", _early([1.0, 0.875, 0.75, 0.625], patience=2, min_delta=0.125)),
            # small gains pile up: measured against the best loss, not against the previous epoch
            Case("min_delta_against_best", _early([1.0, 0.9375, 0.8125, 0.75, 0.6875], patience=3,
                                                  min_delta=0.125)),
            Case("min_delta_zero_stated", _early([1.0, 0.5, 0.5, 0.25], patience=1, min_delta=0.0)),
            Case("zero_patience", _early([1.0, 0.5], patience=0)),
            Case("no_losses", _early([], patience=2)),
            Case("negative_min_delta", _early([1.0, 0.5], patience=2, min_delta=-0.125)),
        ),
        random_case=_random_early,
        n_random=6,
        mistakes=(
            Mistake("early_stopping_against_previous_epoch", answer_key("optim",
                                                                        "early_stopping_against_previous_epoch")),
            Mistake("early_stopping_one_epoch_late", answer_key("optim", "early_stopping_one_epoch_late")),
            Mistake("early_stopping_tie_improves", answer_key("optim", "early_stopping_tie_improves")),
        ),
    ),
]
