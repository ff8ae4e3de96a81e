"""The autoencoder references checked against independent implementations, and their probes and score.

- ``vae_reparameterize``: Python floats (``math.exp``), and ``torch.distributions.Normal(mu, sigma).rsample()``,
  which draws its noise with the global generator: under the same seed it must equal the reference given that
  noise;
- ``vae_loss``: Python floats (``math.log`` clamped at -100, ``math.fsum``), and the KL term against
  ``torch.distributions.kl_divergence(Normal(mu, sigma), Normal(0, 1))``;
- the cases keep what makes wrong answers show (sigma^2 overflowing where sigma does not, reconstructions of
  exactly 0 and 1 against targets that make the clamp count);
- ``build_autoencoder``'s probe of the reference, worked out by hand, and the probes' refusals;
- ``train_autoencoder``'s score at its documented thresholds, its practice split in a release, its stages
  (the training worker never gets the held-out images, the decoding one gets codes and no image; replies they
  cannot use refused with a sentence), and the reference's training clearing the full-credit threshold on one
  thread (the stages run here in this process, one after the other).
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
import torch
from torch import nn
from torch.distributions import Normal, kl_divergence

from autograder.core.spec import ProbeFailed
from autograder.datasets import load_image_folder
from autograder.keys.autoencoders import (
    build_autoencoder_reference,
    train_autoencoder_reference,
    vae_loss_reference,
    vae_reparameterize_reference,
)
from autograder.sandbox import probes
from autograder.specs import autoencoders, get
from autograder.specs.autoencoders import FULL_CREDIT_MSE, NO_CREDIT_MSE, score_reconstruction

REPARAMETERIZE = get("vae_reparameterize")
LOSS = get("vae_loss")
SEEDS = (0, 1, 2)


def _cases(exercise):
    return [(seed, case) for seed in SEEDS for case in exercise.cases(seed)
            if seed == 0 or case.name.startswith("random")]


def _ids(value):
    return getattr(value, "name", str(value))


# -- vae_reparameterize -------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed, case", _cases(REPARAMETERIZE), ids=_ids)
def test_reparameterize_matches_python_floats(seed, case):
    inputs = REPARAMETERIZE.inputs(case.params, seed)
    z = vae_reparameterize_reference(**inputs)
    assert z.shape == inputs["mu"].shape and z.dtype == inputs["mu"].dtype
    values = [m + math.exp(lv / 2) * e for m, lv, e in zip(inputs["mu"].reshape(-1).tolist(),
                                                           inputs["logvar"].reshape(-1).tolist(),
                                                           inputs["eps"].reshape(-1).tolist(), strict=True)]
    torch.testing.assert_close(z, torch.tensor(values, dtype=torch.float64).reshape(z.shape).to(z.dtype))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
def test_reparameterize_is_what_normal_rsample_draws(dtype):
    mu = torch.randn(5, 7, generator=torch.Generator().manual_seed(1), dtype=dtype)
    logvar = torch.rand(5, 7, generator=torch.Generator().manual_seed(2), dtype=dtype) * 6 - 4
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(3)
        drawn = Normal(mu, torch.exp(logvar / 2)).rsample()
        torch.manual_seed(3)
        eps = torch.randn(5, 7, dtype=dtype)
    torch.testing.assert_close(vae_reparameterize_reference(mu, logvar, eps), drawn)


def test_large_logvar_overflows_the_variance_but_not_sigma():
    for name, limit in (("large_logvar", torch.float32), ("float64_large_logvar", torch.float64)):
        inputs = REPARAMETERIZE.inputs(next(c for c in REPARAMETERIZE.edge_cases if c.name == name).params, 0)
        assert inputs["logvar"].dtype == limit
        assert torch.isinf(torch.exp(inputs["logvar"])).all(), name
        assert torch.isfinite(vae_reparameterize_reference(**inputs)).all(), name


# -- vae_loss ------------------------------------------------------------------------------------------------

def _log(p: float) -> float:
    return max(math.log(p), -100.0) if p > 0 else -100.0


def loss_math(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> float:
    bce = -math.fsum(t * _log(p) + (1 - t) * _log(1 - p)
                     for p, t in zip(x_recon.double().reshape(-1).tolist(), x.double().reshape(-1).tolist(),
                                     strict=True))
    kl = -0.5 * math.fsum(1 + lv - m * m - math.exp(lv)
                          for m, lv in zip(mu.double().reshape(-1).tolist(), logvar.double().reshape(-1).tolist(),
                                           strict=True))
    return bce + kl


@pytest.mark.parametrize("seed, case", _cases(LOSS), ids=_ids)
def test_loss_matches_python_floats(seed, case):
    inputs = LOSS.inputs(case.params, seed)
    loss = vae_loss_reference(**inputs)
    assert loss.shape == () and loss.dtype == inputs["x"].dtype
    # float32 adds its terms in another order than math.fsum: the spec's rtol (see its comment)
    tolerance = dict(rtol=LOSS.rtol, atol=1e-5) if loss.dtype == torch.float32 else {}
    torch.testing.assert_close(loss, torch.tensor(loss_math(**inputs), dtype=loss.dtype), **tolerance)


@pytest.mark.parametrize("seed, case", _cases(LOSS), ids=_ids)
def test_kl_term_is_torch_distributions_kl(seed, case):
    inputs = {k: v.double() for k, v in LOSS.inputs(case.params, seed).items()}
    mu, logvar = inputs["mu"], inputs["logvar"]
    no_kl = vae_loss_reference(inputs["x_recon"], inputs["x"], torch.zeros_like(mu), torch.zeros_like(logvar))
    kl = kl_divergence(Normal(mu, torch.exp(logvar / 2)), Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum()
    torch.testing.assert_close(vae_loss_reference(**inputs) - no_kl, kl)


def test_the_docstring_example():
    x_recon, x = torch.tensor([[0.8, 0.1]]), torch.tensor([[1.0, 0.0]])
    zero = torch.zeros(1, 1)
    assert vae_loss_reference(x_recon, x, zero, zero).item() == pytest.approx(-(math.log(0.8) + math.log(0.9)))
    assert vae_loss_reference(x_recon, x, zero + 2, zero).item() == pytest.approx(2.3285, abs=1e-4)


def test_saturated_cases_hold_certain_and_wrong_pixels():
    for case in LOSS.edge_cases:
        if "saturated" not in case.name:
            continue
        inputs = LOSS.inputs(case.params, 0)
        recon, x = inputs["x_recon"], inputs["x"]
        # a reconstruction of 0 where the target is above 0 (or of 1 where it is below 1): log(0) is clamped
        assert ((recon == 0) & (x > 0)).any() or ((recon == 1) & (x < 1)).any(), case.name
        assert torch.isfinite(vae_loss_reference(**inputs)), case.name


def test_perfect_reconstruction_of_the_prior_costs_nothing():
    params = dict(next(c for c in LOSS.edge_cases if c.name == "perfect_reconstruction").params, prior=True)
    assert vae_loss_reference(**LOSS.inputs(params, 0)).item() == 0.0


# -- build_autoencoder ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("latent_dim, batch", [(16, 4), (1, 1), (128, 2)])
def test_autoencoder_probe_of_the_reference(latent_dim, batch):
    probe = probes.autoencoder_probe(SimpleNamespace(build_autoencoder=build_autoencoder_reference), latent_dim,
                                     batch)
    image = [batch, 1, 32, 32]
    assert probe == {
        "model.encoder contains an nn.Conv2d": True,
        "model.decoder contains an nn.ConvTranspose2d": True,
        f"model.encoder(x).shape for x.shape = {image}": [batch, latent_dim],
        f"model.decoder(z).shape for z.shape = {[batch, latent_dim]}": image,
        f"model(x).shape for x.shape = {image}": image,
        "model(x).dtype": "torch.float32",
        "model(x) equals model.decoder(model.encoder(x))": True,
        "model.decoder(z) lies in [0, 1], even for codes 1000 times larger": True,
    }


def test_autoencoder_probe_needs_an_encoder_and_a_decoder():
    def build(latent_dim):
        return nn.Sequential(nn.Conv2d(1, 1, 3, padding=1), nn.Sigmoid())

    with pytest.raises(ProbeFailed, match="no nn.Module attribute encoder"):
        probes.autoencoder_probe(SimpleNamespace(build_autoencoder=build), 4, 2)


def test_autoencoder_probe_reports_a_wrong_code_size_before_the_error_it_causes():
    def build(latent_dim):
        return build_autoencoder_reference(latent_dim + 1)

    probe = probes.autoencoder_probe(SimpleNamespace(build_autoencoder=build), 4, 2)
    assert probe["model.encoder(x).shape for x.shape = [2, 1, 32, 32]"] == [2, 5]
    assert probe["model.decoder(z).shape for z.shape = [2, 4]"] == "raised RuntimeError"
    assert probe["model(x) equals model.decoder(model.encoder(x))"] is False


# -- train_autoencoder ---------------------------------------------------------------------------------------

TRAIN = get("train_autoencoder")
PARAMS = TRAIN.edge_cases[0].params


def through_the_stages(student, params=PARAMS, seed=0) -> dict:
    """The last stage's reply for ``student``: the training probe, then each stage on what the spec makes of
    the replies before it (here in one process; the grader runs each stage in a fresh worker)."""
    inputs = TRAIN.inputs(params, seed)
    replies = [probes.train_autoencoder_probe(student, **inputs)]
    for stage in TRAIN.stages:
        driver = getattr(probes, stage.probe.rsplit(".", 1)[1])
        replies.append(driver(student, **stage.inputs(inputs, replies)))
    return replies[-1]


def test_only_the_encoding_stage_gets_the_held_out_images():
    inputs = TRAIN.inputs(PARAMS, seed=0)
    assert set(inputs) == {"train_images", "latent_dim", "epochs", "lr", "seed"}
    assert inputs["train_images"].shape == (1442, 1, 32, 32)
    assert inputs["seed"] != TRAIN.inputs(PARAMS, seed=1)["seed"]
    state = {"weight": torch.ones(2, 3)}
    encoding, decoding = TRAIN.stages
    codes_inputs = encoding.inputs(inputs, [{"state": state}])
    assert set(codes_inputs) == {"state", "test_images", "latent_dim", "seed"}
    assert codes_inputs["test_images"].shape == (355, 1, 32, 32) and codes_inputs["state"] is state
    images_inputs = decoding.inputs(inputs, [{"state": state}, {"codes": torch.zeros(355, 16)}])
    assert set(images_inputs) == {"state", "codes", "latent_dim", "image_shape", "seed"}
    assert images_inputs["image_shape"] == [1, 32, 32] and images_inputs["seed"] == inputs["seed"]


def test_the_stages_refuse_replies_they_cannot_use():
    inputs = TRAIN.inputs(PARAMS, seed=0)
    encoding, decoding = TRAIN.stages
    for reply in (None, {}, {"state": [torch.ones(2)]}, {"state": {"w": [1.0]}}, [torch.ones(2)]):
        with pytest.raises(ValueError, match="no trained weights"):
            encoding.inputs(inputs, [reply])
    state = {"state": {"w": torch.ones(2)}}
    for reply in (None, {}, {"codes": torch.zeros(354, 16)}, {"codes": torch.zeros(355, 17)},
                  {"codes": torch.zeros(355, 16, dtype=torch.long)}, {"codes": [[0.0] * 16] * 355}):
        with pytest.raises(ValueError, match=r"no codes of shape \[355, 16\] for the 355 test images"):
            decoding.inputs(inputs, [state, reply])


def test_a_wrapper_of_the_model_given_is_rebuilt_from_that_model_s_weights():
    """A training that returns the model it was given inside a wrapper (as torch.compile or DataParallel do:
    the same parameters under other names) is rebuilt from the model's own state."""
    class Wrapper(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner, self.encoder, self.decoder = inner, inner.encoder, inner.decoder

    trained = {}

    def train(model, images, epochs, lr):
        with torch.no_grad():
            model.encoder[0].weight.fill_(0.5)  # what this "training" learnt
        trained["model"] = model
        return Wrapper(model)

    student = SimpleNamespace(build_autoencoder=build_autoencoder_reference, train_autoencoder=train)
    state = probes.train_autoencoder_probe(student, **TRAIN.inputs(PARAMS, 0))["state"]
    assert set(state) == set(trained["model"].state_dict()) and bool((state["encoder.0.weight"] == 0.5).all())
    assert through_the_stages(student)["reconstructions"].shape == (355, 1, 32, 32)


def test_weights_that_do_not_fit_the_built_model_are_refused_with_a_sentence():
    """The stages rebuild the model with ``build_autoencoder``: a training that returns another model fails."""
    student = SimpleNamespace(build_autoencoder=build_autoencoder_reference,
                              train_autoencoder=lambda model, images, epochs, lr: build_autoencoder_reference(8))
    with pytest.raises(ProbeFailed, match=r"the trained weights do not fit the model build_autoencoder\(16\) "
                                          r"builds \(.*size mismatch.*\): train the model you are given"):
        through_the_stages(student)


def _rebuilt(mse: float) -> torch.Tensor:
    """The test images, off by +-sqrt(mse) in alternating pixels: a mean squared error of ``mse``."""
    images = load_image_folder("digits", "test")[0].float() / 255
    signs = (torch.arange(images.numel()) % 2 * 2 - 1).reshape(images.shape).float()
    return images + signs * math.sqrt(mse)


@pytest.mark.parametrize("mse", [0.0, 0.005, 0.0099, 0.0101, 0.025, 0.0399, 0.0401, 0.2])
def test_score_follows_the_documented_thresholds(mse):
    credit, sentence = score_reconstruction({"reconstructions": _rebuilt(mse)}, PARAMS, TRAIN.generator(PARAMS, 0))
    if mse <= FULL_CREDIT_MSE:
        assert credit == 1.0
    elif mse >= NO_CREDIT_MSE:
        assert credit == 0.0
    else:
        assert credit == pytest.approx((NO_CREDIT_MSE - mse) / (NO_CREDIT_MSE - FULL_CREDIT_MSE), abs=1e-4)
    assert f"held-out reconstruction error {mse:.4f}" in sentence
    assert "over 355 test images): full points at or below 0.01, none at or above 0.04" in sentence


def test_score_refuses_malformed_reconstructions():
    right = _rebuilt(0.0)
    for probe in (None, {}, {"reconstructions": right.double()}, {"reconstructions": right[:-1]},
                  {"reconstructions": right.squeeze(1)}, [right], {"reconstructions": right.tolist()}):
        credit, sentence = score_reconstruction(probe, PARAMS, TRAIN.generator(PARAMS, 0))
        assert credit == 0.0 and "no reconstructions of the 355 held-out images" in sentence
    nan = right.clone()
    nan[0, 0, 0, 0] = float("nan")
    assert score_reconstruction({"reconstructions": nan}, PARAMS, TRAIN.generator(PARAMS, 0))[0] == 0.0


def test_without_the_held_out_images_a_release_scores_on_a_fifth_of_the_training_set(monkeypatch):
    all_images = load_image_folder("digits", "train")[0]
    monkeypatch.setattr(autoencoders, "has_split", lambda name, split: False)  # a student release
    inputs = TRAIN.inputs(PARAMS, seed=0)
    held = all_images[torch.arange(len(all_images)) % autoencoders.PRACTICE_EVERY == 0]
    assert torch.equal(TRAIN.stages[0].inputs(inputs, [{"state": {}}])["test_images"], held)
    assert len(inputs["train_images"]) + len(held) == len(all_images)
    trained = {bytes(image.flatten().tolist()) for image in inputs["train_images"]}
    assert not trained & {bytes(image.flatten().tolist()) for image in held}
    credit, sentence = score_reconstruction({"reconstructions": held.float() / 255}, PARAMS,
                                            TRAIN.generator(PARAMS, 0))
    assert credit == 1.0 and f"over {len(held)} test images" in sentence
    assert "practice score on a split of the training images" in sentence and "train_autoencoder" in sentence


def test_train_probe_needs_build_autoencoder():
    with pytest.raises(ProbeFailed, match="no function build_autoencoder"):
        probes.train_autoencoder_probe(SimpleNamespace(train_autoencoder=train_autoencoder_reference),
                                       **TRAIN.inputs(dict(PARAMS, epochs=1), 0))


def test_train_probe_rebuilds_through_the_bottleneck():
    """A model whose forward pass skips its encoder is scored on decoder(encoder(x)), not on model(x)."""
    class Leaky(nn.Module):
        def __init__(self, latent_dim):
            super().__init__()
            self.encoder = nn.Sequential(nn.Flatten(), nn.Linear(1024, latent_dim))
            self.decoder = nn.Sequential(nn.Linear(latent_dim, 1024), nn.Sigmoid(), nn.Unflatten(1, (1, 32, 32)))

        def forward(self, x):
            return x  # the identity: a perfect "reconstruction"

    student = SimpleNamespace(build_autoencoder=Leaky, train_autoencoder=lambda model, images, epochs, lr: model)
    credit, _ = score_reconstruction(through_the_stages(student), PARAMS, TRAIN.generator(PARAMS, 0))
    assert credit == 0.0


@pytest.mark.slow
def test_the_reference_training_clears_the_full_credit_threshold():
    torch.set_num_threads(1)  # as in a worker
    reference = SimpleNamespace(build_autoencoder=build_autoencoder_reference,
                                train_autoencoder=train_autoencoder_reference)
    credit, sentence = score_reconstruction(through_the_stages(reference), PARAMS, TRAIN.generator(PARAMS, 0))
    assert credit == 1.0, sentence
    mse = float(sentence.split()[3])
    assert mse <= FULL_CREDIT_MSE * 0.7, sentence  # with a margin (0.0042 to 0.0057 over seeds 0, 1, 2)
