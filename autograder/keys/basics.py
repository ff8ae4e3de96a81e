"""Classic mistakes of ``autograder.specs.basics``, written by hand: a near-answer is an answer (see
``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import torch


def batch_norm_train_unbiased_variance(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                       eps: float = 1e-5) -> torch.Tensor:
    """Normalises by the unbiased variance (divided by count - 1)."""
    axes = [0, *range(2, x.dim())]
    shape = (1, -1) + (1,) * (x.dim() - 2)
    mean = x.mean(dim=axes, keepdim=True)
    variance = x.var(dim=axes, keepdim=True, correction=1)
    return (x - mean) / torch.sqrt(variance + eps) * gamma.reshape(shape) + beta.reshape(shape)


# ---------------------------------------------------------------------------------------------------------
# linear_forward


def linear_forward_bias_always_added(x: torch.Tensor, weight: torch.Tensor,
                                     bias: torch.Tensor | None = None) -> torch.Tensor:
    """Adds the bias whether or not there is one: a layer without bias raises TypeError."""
    product = x @ weight.T
    return product.add(bias)  # type: ignore[arg-type]


def linear_forward_matrices_only(x: torch.Tensor, weight: torch.Tensor,
                                 bias: torch.Tensor | None = None) -> torch.Tensor:
    """torch.mm, which takes two matrices: a single vector or more than one leading axis raises."""
    product = torch.mm(x, weight.t())
    return product if bias is None else product + bias


def linear_forward_transposes_all_axes(x: torch.Tensor, weight: torch.Tensor,
                                       bias: torch.Tensor | None = None) -> torch.Tensor:
    """(W x^T)^T with x.T, which reverses every axis: right for up to two axes only. (x.T written out as the
    permutation it is, since PyTorch warns about x.T on other than two axes.)"""

    def transpose(t: torch.Tensor) -> torch.Tensor:
        return t.permute(*range(t.dim() - 1, -1, -1))

    product = transpose(weight @ transpose(x))
    return product if bias is None else product + bias


def linear_forward_weight_not_transposed(x: torch.Tensor, weight: torch.Tensor,
                                         bias: torch.Tensor | None = None) -> torch.Tensor:
    """x W with W as stored, (out, in): raises unless in == out, and is wrong then."""
    product = x @ weight
    return product if bias is None else product + bias


# ---------------------------------------------------------------------------------------------------------
# activations


def relu_clamps_from_above(x: torch.Tensor) -> torch.Tensor:
    """min(x, 0): the negative part kept instead of the positive one."""
    return x.clamp(max=0)


def relu_returns_none(x: torch.Tensor) -> None:
    """Zeroes the negative entries of x in place and returns nothing."""
    x[x < 0] = 0


def relu_step_function(x: torch.Tensor) -> torch.Tensor:
    """The indicator of x > 0, ReLU's derivative."""
    positive = x > 0
    return positive.to(x.dtype)


def leaky_relu_constant_for_negatives(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """The slope itself, not slope * x, on the negative side."""
    return torch.where(x > 0, x, torch.full_like(x, negative_slope))


def leaky_relu_max_shortcut(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """max(x, slope * x): leaky ReLU only while the slope is at most 1."""
    return torch.maximum(x, negative_slope * x)


def leaky_relu_slope_on_positive_side(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    """The positive side scaled, the negative side left as is."""
    return torch.where(x > 0, negative_slope * x, x)


def elu_alpha_outside_parentheses(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    """alpha * exp(x) - 1 on the negative side."""
    return torch.where(x > 0, x, alpha * torch.exp(x) - 1)


def elu_masks_multiply_overflow(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    """Both sides computed everywhere and blended by multiplying with 0/1 masks: inf * 0 = NaN where exp(x)
    overflows."""
    positive = (x > 0).to(x.dtype)
    negative_side = alpha * (torch.exp(x) - 1)
    return x * positive + negative_side * (1 - positive)


def elu_missing_minus_one(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    """alpha * exp(x) on the negative side: jumps at 0."""
    return torch.where(x > 0, x, alpha * torch.exp(x))


def sigmoid_clamps_input(x: torch.Tensor) -> torch.Tensor:
    """x clamped to [-10, 10] first (computed in at least float32, cast back)."""
    clamped = x.to(torch.promote_types(x.dtype, torch.float32)).clamp(-10, 10)
    return torch.reciprocal(1 + torch.exp(-clamped)).to(x.dtype)


def sigmoid_exp_over_one_plus_exp(x: torch.Tensor) -> torch.Tensor:
    """exp(x) / (1 + exp(x)): inf / inf = NaN once exp(x) overflows."""
    exp_x = torch.exp(x)
    return exp_x / (exp_x + 1)


def sigmoid_in_input_dtype(x: torch.Tensor) -> torch.Tensor:
    """1 / (1 + exp(-x)) in the input's dtype: fine in float32 (1 / inf = 0), but in float16 exp(-x)
    overflows from x < -11.09 and the result drops to 0 too early."""
    return torch.reciprocal(torch.exp(-x) + 1)


def sigmoid_tanh_without_half(x: torch.Tensor) -> torch.Tensor:
    """(1 + tanh(x)) / 2, where the identity needs tanh(x / 2)."""
    return (torch.tanh(x) + 1) / 2


# ---------------------------------------------------------------------------------------------------------
# softmax


def softmax_global_max_shift(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Shifted by the maximum of the whole tensor: a slice far below it underflows to 0 / 0."""
    exps = torch.exp(x - x.max())
    return exps / exps.sum(dim=dim, keepdim=True)


def softmax_without_max_shift(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """exp(x) / sum(exp(x)) unshifted: exp overflows to inf, and inf / inf is NaN."""
    exps = torch.exp(x)
    return exps / exps.sum(dim=dim, keepdim=True)


def softmax_shift_by_mean(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """Shifted by the mean of each slice: a slice spanning a wide range still overflows."""
    exps = torch.exp(x - x.mean(dim=dim, keepdim=True))
    return exps / exps.sum(dim=dim, keepdim=True)


def softmax_sum_without_keepdim(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """The sum drops the reduced axis, so it broadcasts against the wrong axis, or raises."""
    exps = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return exps / exps.sum(dim=dim)


# ---------------------------------------------------------------------------------------------------------
# losses


def mse_loss_square_of_mean(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(mean(y_hat - y))^2: positive and negative errors cancel before squaring."""
    return torch.square((y_hat - y).mean())


def binary_cross_entropy_clamps_terms(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Each weighted term clamped at -100 rather than each log: 0 * log(0) is NaN already."""
    terms = (y * torch.log(y_hat)).clamp(min=-100) + ((1 - y) * torch.log(1 - y_hat)).clamp(min=-100)
    return -terms.mean()


def binary_cross_entropy_no_clamp(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The formula without the clamp of the logs: log(0) = -inf gives inf, and 0 * -inf NaN."""
    terms = y * torch.log(y_hat) + (1 - y) * torch.log(1 - y_hat)
    return -terms.mean()


# ---------------------------------------------------------------------------------------------------------
# batch_norm_train


def _channels(x: torch.Tensor) -> tuple[list[int], tuple[int, ...]]:
    """The axes batch norm reduces over, and the shape that lines a (C,) vector up with the channels."""
    return [0, *range(2, x.dim())], (1, -1) + (1,) * (x.dim() - 2)


def batch_norm_train_batch_axis_only(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                     eps: float = 1e-5) -> torch.Tensor:
    """Statistics over axis 0 only: per pixel, not per channel, for images."""
    _, shape = _channels(x)
    mean = x.mean(dim=0, keepdim=True)
    variance = x.var(dim=0, keepdim=True, correction=0)
    return (x - mean) / torch.sqrt(variance + eps) * gamma.reshape(shape) + beta.reshape(shape)


def batch_norm_train_eps_added_to_std(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                      eps: float = 1e-5) -> torch.Tensor:
    """Divides by sqrt(variance) + eps rather than sqrt(variance + eps)."""
    axes, shape = _channels(x)
    mean = x.mean(dim=axes, keepdim=True)
    std = x.std(dim=axes, keepdim=True, correction=0)
    return (x - mean) / (std + eps) * gamma.reshape(shape) + beta.reshape(shape)


def batch_norm_train_eps_subtracted(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                    eps: float = 1e-5) -> torch.Tensor:
    """Divides by sqrt(variance - eps): NaN on a constant channel."""
    axes, shape = _channels(x)
    mean = x.mean(dim=axes, keepdim=True)
    variance = x.var(dim=axes, keepdim=True, correction=0)
    return (x - mean) / torch.sqrt(variance - eps) * gamma.reshape(shape) + beta.reshape(shape)


def batch_norm_train_per_sample(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                eps: float = 1e-5) -> torch.Tensor:
    """Statistics of each sample over its own features (layer norm), not of each channel over the batch."""
    axes = list(range(1, x.dim()))
    _, shape = _channels(x)
    mean = x.mean(dim=axes, keepdim=True)
    variance = x.var(dim=axes, keepdim=True, correction=0)
    return (x - mean) / torch.sqrt(variance + eps) * gamma.reshape(shape) + beta.reshape(shape)
