"""Generative models: GAN losses, and sampling from a trained diffusion model.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

import torch


def gan_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    r"""The discriminator's loss of a GAN, from its raw scores (logits, before any sigmoid).

    The discriminator D should say 1 ("real") on real data and 0 ("fake") on generated data. With
    D(x) = sigmoid(logit), binary cross-entropy against those labels gives

        loss = mean(-log sigmoid(real_logits)) + mean(-log(1 - sigmoid(fake_logits)))

    that is BCE(real, 1) + BCE(fake, 0): the *sum* of the two means, each taken over its own tensor (the two
    may hold different numbers of logits, e.g. ``(B,)``, ``(B, 1)`` or PatchGAN maps ``(B, 1, H, W)``).
    Returns a 0-d tensor of the logits' dtype.

    It must stay exact for any logit, 1000 or -1000 included. ``sigmoid(-1000)`` is 0 in floating point and
    its log is -inf, so do not take the log of a sigmoid; use the identities

        -log sigmoid(x)      = softplus(-x)
        -log(1 - sigmoid(x)) = softplus(x)
        softplus(x)          = log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|))

    (the last form never takes ``exp`` of a large number, which overflows too). ``torch.nn.functional``'s
    ``softplus`` and ``logsigmoid`` are allowed; ``binary_cross_entropy_with_logits``, ``nn.BCEWithLogitsLoss``
    and the soft-margin losses compute the whole loss in one call, and are what you write here.

    Example: real_logits = [2., 0.], fake_logits = [-1.]:
    mean(softplus(-2), softplus(0)) + softplus(-1) = (0.12693 + 0.69315) / 2 + 0.31326 = 0.72330.
    """
    raise NotImplementedError("gan_discriminator_loss: BCE(real, 1) + BCE(fake, 0) from the logits, with softplus")


def gan_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    r"""The generator's non-saturating loss of a GAN, from the discriminator's logits on generated data.

    The generator wants its samples called real, so it minimises BCE(fake, 1):

        loss = mean(-log sigmoid(fake_logits)) = mean(softplus(-fake_logits))

    (the original minimax form, mean(log(1 - sigmoid(fake_logits))), has almost no gradient early in training,
    when the discriminator rejects every fake with confidence: it saturates). Same conventions as
    ``gan_discriminator_loss``: any shape, a 0-d result of the logits' dtype, exact for logits of +-1000.

    Example: fake_logits = [-1., 3.]: (softplus(1) + softplus(-3)) / 2 = (1.31326 + 0.04859) / 2 = 0.68092.
    """
    raise NotImplementedError("gan_generator_loss: BCE(fake, 1) from the logits, with softplus")


def predict_x0(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
               alphas_cumprod: torch.Tensor) -> torch.Tensor:
    r"""The clean sample x0 implied by a noisy sample x_t and the noise eps a model predicts in it.

    The forward process made x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * eps; solved for x0:

        x0 = (x_t - sqrt(1 - abar_t) * eps) / sqrt(abar_t)

    - ``x_t``, ``eps``: the same shape ``(B, ...)``: ``(B,)``, ``(B, D)``, ``(B, C, H, W)``, any trailing shape.
    - ``t``: a Python int (every batch item at the same step, as in a sampling loop), or a ``(B,)`` long tensor
      (one step per batch item, as in training); an index into ``alphas_cumprod`` (0-based).
    - ``alphas_cumprod``: ``(T,)`` tensor of abar_t = prod_{s <= t} (1 - beta_s).

    With a tensor ``t``, item b uses abar at ``t[b]`` for all of its values: the ``(B,)`` coefficients must
    broadcast over every axis after the first. The result has ``x_t``'s shape and dtype (the schedule may be
    float64 while the data are float32).

    Example: ``alphas_cumprod = [0.64, 0.36]``, ``t = 1``, ``x_t = [[1.0, -0.8]]``, ``eps = [[0.5, 0.5]]``:
    x0 = (x_t - 0.8 * eps) / 0.6 = ``[[1.0, -2.0]]``.
    """
    raise NotImplementedError("predict_x0: pick abar at t, broadcast it over x_t, solve the forward process for x0")


def ddpm_step(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
              noise: torch.Tensor) -> torch.Tensor:
    r"""One step of DDPM's ancestral sampler (Ho et al., 2020, Algorithm 2): x_{t-1} from x_t.

    With alpha_t = 1 - beta_t and abar_t = alpha_0 * ... * alpha_t:

        x_{t-1} = 1 / sqrt(alpha_t) * (x_t - beta_t / sqrt(1 - abar_t) * eps) + sigma_t * noise

    with sigma_t = sqrt(beta_t) (the paper's choice sigma_t^2 = beta_t), except at the last step, t = 0,
    which adds no noise (sigma_0 = 0: the output is the final sample).

    - ``x_t``, ``eps`` (the model's noise prediction), ``noise`` (a standard normal draw, given so that the
      result is deterministic): the same shape ``(B, ...)``.
    - ``t``: a Python int, or a ``(B,)`` long tensor of one step per batch item (then some items may be at
      t = 0 and others not); 0-based: ``betas[0]`` is the paper's beta_1 and t = 0 its t = 1.
    - ``betas``: ``(T,)`` noise schedule. The result has ``x_t``'s shape and dtype.

    Take beta_t and alpha_t from ``betas`` as above. The posterior-mean form (the paper's eq. 7, through
    ``predict_x0``) is equal in exact arithmetic, but in float32 it divides by 1 - abar_t, a difference of
    numbers close to 1 at early t, and loses several digits there.

    Example: ``betas = [0.36, 0.4375]``, ``x_t = [[1.0]]``, ``eps = [[0.8]]``, ``noise = [[2.0]]``.
    t = 1: alpha = 0.5625, abar = 0.36, so (1 - 0.4375 / 0.8 * 0.8) / 0.75 + sqrt(0.4375) * 2 = 2.0729.
    t = 0: (1 - 0.36 / 0.6 * 0.8) / 0.8 = 0.65, no noise.
    """
    raise NotImplementedError("ddpm_step: the mean of Algorithm 2, plus sqrt(beta_t) * noise except at t = 0")


def classifier_free_guidance(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                             guidance_scale: float | torch.Tensor) -> torch.Tensor:
    r"""Classifier-free guidance: combine a model's noise predictions with and without the condition.

        eps = eps_uncond + w * (eps_cond - eps_uncond)

    w = 0 gives the unconditional prediction, w = 1 the conditional one, and w > 1 (7.5 in Stable Diffusion)
    pushes the sample further towards the condition.

    - ``eps_uncond``, ``eps_cond``: the same shape ``(B, ...)``.
    - ``guidance_scale``: a Python float (one w for all), or a ``(B,)`` tensor of one w per batch item, which
      must broadcast over every axis after the first.
    The result has ``eps_cond``'s shape and dtype.

    Example: ``eps_uncond = [0., 1.]``, ``eps_cond = [1., 1.]``, w = 7.5: ``[7.5, 1.0]``.
    """
    raise NotImplementedError("classifier_free_guidance: eps_uncond + w * (eps_cond - eps_uncond)")
