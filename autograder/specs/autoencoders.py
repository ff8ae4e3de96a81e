"""Autoencoders and variational autoencoders: the reparameterisation trick, the VAE loss, a convolutional
autoencoder, and training it on the digits.

``vae_reparameterize`` and ``vae_loss`` are PyTorch's VAE example (``examples/vae/main.py``); PyTorch has no
operator for either, so their references are hand-written (``autograder/keys/autoencoders.py``; the loss's
cross-entropy is ``F.binary_cross_entropy`` itself) and ``tests/specs/test_reference_autoencoders.py`` checks
them against Python floats and against ``torch.distributions``.

The two others answer with a model, so they are probed (``autograder.sandbox.probes``), as ``build_lenet`` and
``train_lenet`` are:

- ``build_autoencoder``: the worker builds the student's model and reports its contract (an encoder with a
  convolution down to ``latent_dim`` numbers, a decoder with a transposed convolution back to 32x32, outputs in
  [0, 1], ``model(x) = decoder(encoder(x))``); the grader compares that with the reference's report.
- ``train_autoencoder``: the worker builds the student's model under the case's seed, trains it with the
  student's ``train_autoencoder`` on the training digits, and sends back the trained weights. A fresh worker
  rebuilds the model with them and encodes the held-out digits (``datasets/digits/test``); another, which never
  sees an image, decodes the codes (``Stage``): the reconstruction comes through the bottleneck, whatever the
  student's code kept in a process. The grader scores the reconstructions here
  (``score_reconstruction``): a mean squared error per pixel at or below ``FULL_CREDIT_MSE`` earns full credit,
  at or above ``NO_CREDIT_MSE`` none, linearly in between. The reference (Adam, MSE, batches of 32) reaches about
  0.005 in ``EPOCHS`` epochs, in about 8 s of one CPU thread;
  ``tests/specs/test_reference_autoencoders.py`` checks that it clears the threshold.

Nothing secret reaches a worker but what a model must see to rebuild: the test images themselves, which are
public (scikit-learn ships them) as in ``train_lenet``, and only to the encoding worker; the reconstruction
goes through ``latent_dim`` numbers per image, which the stages check. A release holds no ``digits/test``
(``datasets.HELD_OUT``): there ``check`` trains on four fifths of the training images and scores on the other
fifth, and its feedback says so.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import torch

from autograder.core.key import answer_key
from autograder.core.messages import say
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Stage, Timing, randn, uniform
from autograder.datasets import has_split, load_image_folder

ORDER = 48

DIGITS = "digits"  # datasets/digits/{train,test}/<digit>/*.png, made by datasets/make_digits.py
LATENT_DIM = 16
EPOCHS = 10
LR = 1e-3
# in a student release (no held-out images): every fifth training image is held out to check on
PRACTICE_EVERY = 5
# mean squared error per pixel of the held-out reconstructions; predicting the mean training image gives 0.046
FULL_CREDIT_MSE = 0.010
NO_CREDIT_MSE = 0.040


# ---------------------------------------------------------------------------------------------------------
# vae_reparameterize


def _reparameterize_inputs(params, gen):
    """``shape`` of every tensor; ``logvar`` uniform in [``low``, ``high``], ``mu`` normal of spread ``scale``."""
    shape, dtype = tuple(params["shape"]), params["dtype"]
    return dict(mu=randn(shape, gen, dtype, scale=params["scale"]),
                logvar=uniform(shape, gen, params["low"], params["high"], dtype),
                eps=randn(shape, gen, dtype))


def _rep(shape: tuple[int, ...], low: float = -3.0, high: float = 2.0, scale: float = 1.0,
         dtype: str = "float32") -> dict:
    return dict(shape=shape, low=low, high=high, scale=scale, dtype=dtype)


def _random_rep(rng: random.Random) -> dict:
    shape = tuple(rng.randint(1, 8) for _ in range(rng.choice([1, 2, 2, 2, 4])))
    return _rep(shape, low=rng.choice([-6.0, -3.0, 0.0]), high=rng.choice([0.5, 2.0, 4.0]),
                scale=rng.choice([0.5, 1.0, 3.0]), dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# vae_loss


def _loss_inputs(params, gen):
    """Images ``(B, *image)`` and codes ``(B, L)``. ``targets``: ``grey`` levels in [0, 1] or ``binary`` 0/1.
    ``recon``: probabilities in [0.02, 0.98]; ``saturated`` sets about half of them, always the first, to
    exactly 0 or 1 at random (so some are certain and wrong: the clamp at -100 decides them); ``perfect`` is
    ``x`` itself (binary targets: the cross-entropy is 0). ``prior``: ``mu`` 0 and ``logvar`` 0 (KL is 0)."""
    B, image, L, dtype = params["B"], tuple(params["image"]), params["L"], params["dtype"]
    shape = (B, *image)
    x = torch.rand(shape, generator=gen, dtype=torch.float64)
    if params["targets"] == "binary":
        x = (x < 0.4).to(torch.float64)
    recon = uniform(shape, gen, 0.02, 0.98, "float64")
    if params["recon"] == "saturated":
        chosen = torch.rand(shape, generator=gen) < 0.5
        chosen.reshape(-1)[0] = True
        coin = (torch.rand(shape, generator=gen) < 0.5).to(torch.float64)
        recon = torch.where(chosen, coin, recon)
    elif params["recon"] == "perfect":
        recon = x.clone()
    if params["prior"]:
        mu, logvar = torch.zeros(B, L, dtype=torch.float64), torch.zeros(B, L, dtype=torch.float64)
    else:
        mu = randn((B, L), gen, "float64", scale=params["scale"])
        logvar = uniform((B, L), gen, -4.0, 2.0, "float64")
    cast = DTYPES[dtype]
    return dict(x_recon=recon.to(cast), x=x.to(cast), mu=mu.to(cast), logvar=logvar.to(cast))


def _loss(B: int, image: tuple[int, ...], L: int, targets: str = "grey", recon: str = "uniform",
          prior: bool = False, scale: float = 1.0, dtype: str = "float32") -> dict:
    return dict(B=B, image=image, L=L, targets=targets, recon=recon, prior=prior, scale=scale, dtype=dtype)


def _random_loss(rng: random.Random) -> dict:
    image = rng.choice([(rng.randint(1, 40),), (1, rng.randint(1, 8), rng.randint(1, 8)),
                        (rng.randint(1, 3), rng.randint(1, 6), rng.randint(1, 6))])
    return _loss(B=rng.randint(1, 6), image=image, L=rng.randint(1, 8), targets=rng.choice(["grey", "binary"]),
                 recon=rng.choice(["uniform", "uniform", "saturated"]), prior=rng.random() < 0.1,
                 scale=rng.choice([0.5, 1.0, 3.0]), dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# build_autoencoder and train_autoencoder


def _build_inputs(params, gen):
    return dict(latent_dim=params["latent_dim"], batch=params["batch"])


def _splits() -> tuple[torch.Tensor, torch.Tensor, bool]:
    """Training images, held-out images, and whether the held-out ones are a practice split of the training
    set (a student release, which has no ``digits/test``)."""
    images, _, _ = load_image_folder(DIGITS, "train")
    if has_split(DIGITS, "test"):
        test_images, _, _ = load_image_folder(DIGITS, "test")
        return images, test_images, False
    held = torch.arange(len(images)) % PRACTICE_EVERY == 0  # ImageFolder's order is by class: every class
    return images[~held], images[held], True


def _train_inputs(params, gen):
    train_images, _, _ = _splits()  # the held-out images go to the stages' fresh workers, not to this one
    seed = int(torch.randint(0, 2**31 - 1, (1,), generator=gen))
    return dict(train_images=train_images, latent_dim=params["latent_dim"], epochs=params["epochs"],
                lr=params["lr"], seed=seed)


def _trained_state(reply: Any) -> dict[str, torch.Tensor]:
    """The trained weights in the training probe's reply (untrusted: a dict of tensors, or a sentence)."""
    state = reply.get("state") if isinstance(reply, dict) else None
    if not isinstance(state, dict) or not all(type(value) is torch.Tensor for value in state.values()):
        raise ValueError(say("probe:no_trained_weights"))
    return state


def _codes_inputs(inputs: Mapping[str, Any], replies: list[Any]) -> dict[str, Any]:
    """The encoding stage's inputs: the trained weights, and the held-out images they are to encode."""
    _, test_images, _ = _splits()
    return dict(state=_trained_state(replies[0]), test_images=test_images, latent_dim=inputs["latent_dim"],
                seed=inputs["seed"])


def _images_inputs(inputs: Mapping[str, Any], replies: list[Any]) -> dict[str, Any]:
    """The decoding stage's inputs: the trained weights and the codes, and no image."""
    _, test_images, _ = _splits()
    expected = [len(test_images), inputs["latent_dim"]]
    codes = replies[1].get("codes") if isinstance(replies[1], dict) else None
    if type(codes) is not torch.Tensor or list(codes.shape) != expected or not codes.is_floating_point():
        raise ValueError(say("probe:no_codes", expected=expected, images=len(test_images)))
    return dict(state=_trained_state(replies[0]), codes=codes, latent_dim=inputs["latent_dim"],
                image_shape=list(test_images.shape[1:]), seed=inputs["seed"])


def score_reconstruction(probe: Any, params: Mapping[str, Any], gen: torch.Generator) -> tuple[float, str]:
    """Credit for the held-out reconstruction error of the probe's images (untrusted data from the worker)."""
    _, test_images, practice = _splits()
    expected = test_images.float() / 255
    rebuilt = probe.get("reconstructions") if isinstance(probe, dict) else None
    if (not isinstance(rebuilt, torch.Tensor) or type(rebuilt) is not torch.Tensor
            or rebuilt.dtype != torch.float32 or rebuilt.shape != expected.shape):
        return 0.0, say("probe:no_reconstructions", images=len(expected))
    mse = float(((rebuilt.cpu().double() - expected.double()) ** 2).mean())
    if mse != mse:  # NaN: no credit, and a sentence that says why
        mse = float("inf")
    credit = (NO_CREDIT_MSE - mse) / (NO_CREDIT_MSE - FULL_CREDIT_MSE)
    sentence = say("held_out_reconstruction", mse=mse, total=len(expected), full=FULL_CREDIT_MSE,
                   none=NO_CREDIT_MSE)
    practice_note = "; " + say("practice_split", exercise="train_autoencoder") if practice else ""
    return min(1.0, max(0.0, credit)), sentence + practice_note


# ---------------------------------------------------------------------------------------------------------

# the loss in one call: the cross-entropy operator (functional and nn.BCELoss reach it), its logits form, and
# torch.distributions' closed-form KL between two normals
VAE_LOSS_OPERATORS = (
    "aten::binary_cross_entropy",
    "aten::binary_cross_entropy_with_logits",
    "torch.distributions.kl.kl_divergence",
    "torch.distributions.kl._kl_normal_normal",
)

EXERCISES = [
    Exercise(
        id="vae_reparameterize",
        module="autoencoders",
        summary="the reparameterisation trick: z = mu + exp(logvar / 2) * eps",
        reference_note="PyTorch's VAE example, `mu + eps * exp(0.5 * logvar)`",
        points=3,
        reference=answer_key("autoencoders", "vae_reparameterize_reference"),
        mistakes=(
            Mistake("sigma_through_variance", answer_key("autoencoders", "vae_reparameterize_sqrt_of_exp")),
            Mistake("variance_as_sigma", answer_key("autoencoders", "vae_reparameterize_variance_as_std")),
        ),
        make_inputs=_reparameterize_inputs,
        edge_cases=(
            Case("basic", _rep((4, 3))),
            Case("one_sample", _rep((5,))),
            Case("batch_of_one", _rep((1, 8))),
            Case("latent_maps", _rep((2, 4, 3, 3))),
            Case("unit_variance", _rep((3, 4), low=0.0, high=0.0)),
            Case("tiny_variance", _rep((3, 4), low=-30.0, high=-20.0)),
            # sigma is finite where sigma^2 overflows: exp(logvar) is inf above 88.7 in float32
            Case("large_logvar", _rep((3, 4), low=90.0, high=170.0)),
            Case("float64", _rep((4, 5), dtype="float64")),
            Case("float64_large_logvar", _rep((2, 6), low=710.0, high=1400.0, dtype="float64")),
        ),
        random_case=_random_rep,
        n_random=4,
        # three elementwise operations on a 512 x 256 batch of codes: a Python loop over the elements costs
        # thousands of times the reference
        timing=Timing(_rep((512, 256)), budget=10.0),
    ),
    Exercise(
        id="vae_loss",
        module="autoencoders",
        summary="the VAE loss: binary cross-entropy summed over every pixel, plus the KL divergence from N(0, 1)",
        reference_note="PyTorch's VAE example: `F.binary_cross_entropy(reduction=\"sum\")` + the closed-form KL",
        points=6,
        reference=answer_key("autoencoders", "vae_loss_reference"),
        mistakes=(
            Mistake("vae_loss_averaged", answer_key("autoencoders", "vae_loss_averaged")),
            Mistake("kl_sign_flipped", answer_key("autoencoders", "vae_loss_kl_sign_flipped")),
            Mistake("log_not_clamped", answer_key("autoencoders", "vae_loss_unclamped_log")),
        ),
        make_inputs=_loss_inputs,
        # B differs from L and from the image's sizes, so a mean where a sum is asked, or a sum over the wrong
        # axis, shows
        edge_cases=(
            Case("basic", _loss(B=4, image=(1, 6, 5), L=3)),
            Case("flat_images", _loss(B=3, image=(20,), L=2)),
            Case("batch_of_one", _loss(B=1, image=(1, 4, 4), L=5)),
            Case("binary_targets", _loss(B=3, image=(1, 5, 6), L=2, targets="binary")),
            Case("saturated_reconstructions", _loss(B=3, image=(1, 4, 5), L=3, recon="saturated")),
            Case("saturated_binary", _loss(B=2, image=(12,), L=4, targets="binary", recon="saturated")),
            Case("perfect_reconstruction", _loss(B=2, image=(1, 3, 4), L=3, targets="binary", recon="perfect")),
            Case("prior_codes", _loss(B=3, image=(1, 4, 4), L=5, prior=True)),
            Case("far_codes", _loss(B=4, image=(1, 3, 3), L=6, scale=4.0)),
            Case("color_images", _loss(B=2, image=(3, 4, 5), L=4)),
            Case("float64", _loss(B=3, image=(1, 5, 4), L=3, dtype="float64")),
            Case("float64_saturated", _loss(B=2, image=(10,), L=3, recon="saturated", dtype="float64")),
        ),
        random_case=_random_loss,
        n_random=5,
        shrink={"B": 1, "L": 1},
        # a sum of up to 10^5 float32 terms: a correct answer that adds them in another order (or in float64)
        # differs from the reference by more than float32's default rtol of 1.3e-6; every wrong answer of
        # tests/variants/ is off by far more
        rtol=1e-5,
        # a batch of 128 flattened 28x28 images and 20-number codes, as in PyTorch's example: a Python loop
        # over the 100,352 pixels costs thousands of times the reference
        timing=Timing(_loss(B=128, image=(784,), L=20, recon="saturated"), budget=10.0),
        forbidden=VAE_LOSS_OPERATORS,
    ),
    Exercise(
        id="build_autoencoder",
        module="autoencoders",
        summary="a convolutional autoencoder for 32x32 grey images: encoder to latent_dim, transposed-conv decoder",
        reference_note="a convolutional autoencoder probed (encoder and decoder shapes, layers, outputs in [0, 1])",
        points=5,
        reference=answer_key("autoencoders", "build_autoencoder_reference"),
        mistakes=(
            Mistake("decoder_without_sigmoid", answer_key("autoencoders", "build_autoencoder_no_sigmoid")),
            Mistake("decoder_without_transposed_convolution",
                    answer_key("autoencoders", "build_autoencoder_upsampling_decoder")),
            Mistake("latent_dim_hard_coded", answer_key("autoencoders", "build_autoencoder_latent_hard_coded")),
        ),
        make_inputs=_build_inputs,
        probe="autograder.sandbox.probes.autoencoder_probe",
        edge_cases=(
            Case("latent_16", dict(latent_dim=16, batch=4)),
            Case("batch_of_one", dict(latent_dim=16, batch=1)),
            Case("latent_2", dict(latent_dim=2, batch=3)),
            Case("latent_1", dict(latent_dim=1, batch=2)),
            Case("latent_128", dict(latent_dim=128, batch=2)),
        ),
        random_case=lambda rng: dict(latent_dim=rng.randint(1, 64), batch=rng.randint(1, 8)),
        n_random=3,
    ),
    Exercise(
        id="train_autoencoder",
        module="autoencoders",
        summary="train the autoencoder on the digits; scored by held-out reconstruction error (full points at 0.01)",
        reference_note=(f"scored: held-out mean squared error per pixel on `datasets/digits` (full points at "
                        f"{FULL_CREDIT_MSE:g}, none at {NO_CREDIT_MSE:g})"),
        points=10,
        reference=answer_key("autoencoders", "train_autoencoder_reference"),
        make_inputs=_train_inputs,
        probe="autograder.sandbox.probes.train_autoencoder_probe",
        # the held-out images are encoded in a fresh worker and the codes decoded in another: a decoder cannot
        # return images its process kept (SECURITY.md)
        stages=(Stage("autograder.sandbox.probes.autoencoder_codes_probe", _codes_inputs),
                Stage("autograder.sandbox.probes.autoencoder_images_probe", _images_inputs)),
        score=score_reconstruction,
        edge_cases=(Case("digits", dict(latent_dim=LATENT_DIM, epochs=EPOCHS, lr=LR)),),
        # the reference trains in about 8 s of one CPU thread: 7-9 s of wall time on a 2-core machine at load
        # 3.5, 17-21 s at load 10, up to 70 s at load 13 (other graders sharing the cores)
        time_limit=120.0,
        background=True,
    ),
]
