"""Probed exercises (answers that are models, or draws from a generator): the engine hook, the drivers, the
digits data and scoring.

The fixtures in tests/variants/{prepare_for_transfer,build_lenet,train_lenet}/ grade whole submissions;
these tests pin the pieces: what a driver reports, against numbers worked out by hand; that the held-out
labels never reach the worker and the test order is secret; that scores follow the documented thresholds
(partial credit included, through the grader); and that the shipped images are what their script makes.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from torch import nn

from autograder.core.grader import Grader
from autograder.core.spec import Case, Exercise, ProbeFailed, Stage, Timing, resolve_probe
from autograder.datasets import DATASETS, load_image_folder
from autograder.keys.train import build_lenet_reference, train_reference
from autograder.keys.transfer import prepare_for_transfer_reference
from autograder.sandbox import probes
from autograder.sandbox.worker import Worker
from autograder.specs import get
from autograder.specs.train import FULL_CREDIT_ACCURACY, NO_CREDIT_ACCURACY, score_accuracy

REPO = Path(__file__).resolve().parents[2]


# -- the spec fields ------------------------------------------------------------------------------------

def _exercise(**fields) -> Exercise:
    base = dict(id="probed", module="m", summary="", points=1, reference=lambda: None,
                make_inputs=lambda params, gen: {}, edge_cases=(Case("c", {}),))
    return Exercise(**{**base, **fields})


def test_a_probe_is_a_driver_of_autograder_probes_only() -> None:
    assert resolve_probe("autograder.sandbox.probes.transfer_probe") is probes.transfer_probe
    for path in ("os.system", "autograder.keys.train.train_reference", "autograder.sandbox.probes.no_such_driver",
                 "autograder.sandbox.probes.torch.load"):
        with pytest.raises(ValueError):
            resolve_probe(path)
    with pytest.raises(ValueError, match="a probe is a function of autograder.sandbox.probes"):
        _exercise(probe="builtins.eval")


def test_score_needs_a_probe_and_a_probe_takes_no_timing_budget() -> None:
    with pytest.raises(ValueError, match="score judges a probe's output"):
        _exercise(score=lambda probe, params, gen: (1.0, ""))
    with pytest.raises(ValueError, match="no timing budget"):
        _exercise(probe="autograder.sandbox.probes.lenet_probe", timing=Timing({}, 10.0))


def test_stages_end_in_a_score_and_each_is_a_driver_of_autograder_probes() -> None:
    score = lambda probe, params, gen: (1.0, "")  # noqa: E731
    stage = Stage("autograder.sandbox.probes.autoencoder_codes_probe", lambda inputs, replies: {})
    with pytest.raises(ValueError, match="stages end in a reply that score judges"):
        _exercise(probe="autograder.sandbox.probes.train_autoencoder_probe", stages=(stage,))
    with pytest.raises(ValueError, match="a stage's probe is a function of autograder.sandbox.probes"):
        _exercise(probe="autograder.sandbox.probes.train_autoencoder_probe", score=score,
                  stages=(Stage("builtins.eval", lambda inputs, replies: {}),))
    assert _exercise(probe="autograder.sandbox.probes.train_autoencoder_probe", score=score, stages=(stage,))


def test_ordinary_exercises_are_unchanged() -> None:
    """An exercise without a probe is answered by its reference itself: for conv_output_size, the length the
    formula gives (worked out here, not by the reference's F.conv1d), or ValueError where no kernel fits."""
    exercise = get("conv_output_size")
    assert exercise.probe == "" and exercise.score is None
    raised = 0
    for case in exercise.cases(0):
        inputs = exercise.inputs(case.params, 0)
        n, k, s, p, d = (inputs[name] for name in ("input_size", "kernel_size", "stride", "padding", "dilation"))
        span = d * (k - 1) + 1
        if min(n, k, s, d) < 1 or p < 0 or span > n + 2 * p:
            with pytest.raises(ValueError):
                exercise.run_reference(inputs)
            raised += 1
        else:
            assert exercise.run_reference(inputs) == (n + 2 * p - span) // s + 1, case
    assert 0 < raised < len(exercise.cases(0))  # both kinds of answer were checked


# -- transfer learning ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("arch", "features", "num_classes", "batch"),
                         [("resnet18", 512, 5, 2), ("resnet10", 512, 1, 1), ("resnet14_bottleneck", 2048, 37, 3)])
def test_transfer_probe_of_the_reference_matches_hand_counts(arch, features, num_classes, batch) -> None:
    reference = SimpleNamespace(prepare_for_transfer=prepare_for_transfer_reference)
    assert probes.transfer_probe(reference, arch, num_classes, batch) == {
        "type(model)": "ResNet",
        "type(model.fc)": "Linear",
        "model.fc.in_features": features,
        "model.fc.out_features": num_classes,
        "model.fc is a new layer": True,
        "model.fc.weight.shape": [num_classes, features],
        "model.fc.bias.shape": [num_classes],
        "trainable parameter tensors outside model.fc": 0,
        "frozen parameter tensors of model.fc": 0,
        "trainable parameters": features * num_classes + num_classes,
        "backbone tensors changed, added or removed": "none",
        f"model(x).shape for x.shape = {[batch, 3, 32, 32]}": [batch, num_classes],
    }


def test_transfer_probe_sees_a_changed_backbone_and_a_frozen_head() -> None:
    def reinitialises(model, num_classes):
        with torch.no_grad():
            model.conv1.weight.zero_()
            model.layer1[0].bn1.running_mean.add_(1)
        model.fc = nn.Linear(model.fc.in_features, num_classes).requires_grad_(False)
        return model

    probe = probes.transfer_probe(SimpleNamespace(prepare_for_transfer=reinitialises), "resnet10", 3, 1)
    assert probe["backbone tensors changed, added or removed"] == "conv1.weight, layer1.0.bn1.running_mean (2 in all)"
    assert probe["frozen parameter tensors of model.fc"] == 2
    # nothing frozen: conv1 and bn1 (3 tensors), four blocks of two convolutions and two batch norms (24),
    # three downsampling convolutions with their batch norms (9)
    assert probe["trainable parameter tensors outside model.fc"] == 3 + 24 + 9


def test_transfer_probe_refuses_a_non_model_with_a_sentence() -> None:
    with pytest.raises(ProbeFailed, match=r"returned None: return the model"):
        probes.transfer_probe(SimpleNamespace(prepare_for_transfer=lambda model, n: None), "resnet10", 2, 1)


# -- LeNet ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("num_classes", [1, 10, 100])
def test_lenet_reference_has_the_docstrings_parameter_count(num_classes: int) -> None:
    # conv 6 * (1 * 25 + 1), conv 16 * (6 * 25 + 1), then 400-120-84-C linear layers with biases
    expected = 6 * 26 + 16 * 151 + 120 * 401 + 84 * 121 + num_classes * 85
    probe = probes.lenet_probe(SimpleNamespace(build_lenet=build_lenet_reference), num_classes, 3)
    assert probe == {"number of nn.Conv2d layers": 2, "number of nn.Linear layers": 3,
                     "model(x).shape for x.shape = [3, 1, 32, 32]": [3, num_classes], "model(x).dtype": "torch.float32",
                     "model(x) holds": "one logit per class", "parameters": expected, "trainable parameters": expected}
    assert probe["parameters"] == 61706 or num_classes != 10


def test_train_probe_needs_build_lenet() -> None:
    inputs = get("train_lenet").inputs(dict(epochs=1, batch_size=32), 0)
    with pytest.raises(ProbeFailed, match="no function build_lenet"):
        probes.train_probe(SimpleNamespace(train=train_reference), **inputs)


# -- the digits and the held-out scoring ----------------------------------------------------------------

def test_the_digits_are_what_their_script_makes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_digits", DATASETS / "make_digits.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.main(tmp_path / "digits")
    made = {p.relative_to(tmp_path / "digits"): p.read_bytes() for p in (tmp_path / "digits").rglob("*.png")}
    shipped = {p.relative_to(DATASETS / "digits"): p.read_bytes() for p in (DATASETS / "digits").rglob("*.png")}
    assert len(made) == 1797
    assert made == shipped, "datasets/digits is stale: run datasets/make_digits.py"


def test_the_digits_load_as_an_image_folder() -> None:
    train_images, train_labels, classes = load_image_folder("digits", "train")
    test_images, test_labels, _ = load_image_folder("digits", "test")
    assert classes == [str(d) for d in range(10)]
    assert train_images.shape == (1442, 1, 32, 32) and test_images.shape == (355, 1, 32, 32)
    assert train_images.dtype == torch.uint8 and train_labels.dtype == torch.int64
    assert test_labels.bincount().tolist() == [35, 36, 35, 36, 36, 36, 36, 35, 34, 36]
    with pytest.raises(ValueError):
        load_image_folder("digits", "../solutions")


def test_the_worker_gets_no_test_labels_and_a_secret_test_order() -> None:
    exercise = get("train_lenet")
    params = exercise.edge_cases[0].params
    inputs = exercise.inputs(params, seed=0)
    assert set(inputs) == {"train_images", "train_labels", "test_images", "num_classes", "epochs", "batch_size",
                           "seed"}
    test_images, test_labels, _ = load_image_folder("digits", "test")
    order = torch.randperm(len(test_images), generator=exercise.generator(params, 0))
    assert torch.equal(inputs["test_images"], test_images[order])
    assert not torch.equal(order, torch.arange(len(order)))
    assert not torch.equal(exercise.inputs(params, seed=1)["test_images"], inputs["test_images"])
    # in the order sent, the labels are not grouped by class as ImageFolder lists them
    assert (test_labels[order].diff() != 0).sum() > 200


def _predictions(wrong: int, params: dict, seed: int) -> torch.Tensor:
    """Predictions for the test images in the order the worker gets them, ``wrong`` of them wrong."""
    exercise = get("train_lenet")
    _, labels, _ = load_image_folder("digits", "test")
    labels = labels[torch.randperm(len(labels), generator=exercise.generator(params, seed))]
    return torch.cat([(labels[:wrong] + 1) % 10, labels[wrong:]])


# 355 test images: 35 wrong is 0.901 (full credit), 36 wrong 0.899 (just under), 107 wrong 0.699 (about
# half), 177 wrong 0.501, 178 wrong 0.499 (none)
@pytest.mark.parametrize("wrong", [0, 17, 35, 36, 107, 177, 178, 300, 355])
def test_score_follows_the_documented_thresholds(wrong: int) -> None:
    exercise = get("train_lenet")
    params = exercise.edge_cases[0].params
    predictions = _predictions(wrong, params, seed=3)
    credit, sentence = score_accuracy({"predictions": predictions}, params, exercise.generator(params, 3))
    accuracy = (355 - wrong) / 355
    if accuracy >= FULL_CREDIT_ACCURACY:
        assert credit == 1.0
    elif accuracy <= NO_CREDIT_ACCURACY:
        assert credit == 0.0
    else:
        assert 0.0 < credit < 1.0
        assert credit == pytest.approx((accuracy - 0.5) / 0.4)
    assert f"held-out accuracy {accuracy:.3f} ({355 - wrong} of 355 test images right)" in sentence
    assert "full points from 0.9, none at or below 0.5" in sentence


def test_score_refuses_malformed_predictions() -> None:
    exercise = get("train_lenet")
    params = exercise.edge_cases[0].params
    right = _predictions(0, params, seed=0)
    for probe in (None, {}, {"predictions": right.float()}, {"predictions": right[:-1]}, [right],
                  {"predictions": right.tolist()}):
        credit, sentence = score_accuracy(probe, params, exercise.generator(params, 0))
        assert credit == 0.0 and "no predictions for the 355 held-out images" in sentence


def test_without_the_held_out_images_a_release_scores_on_a_fifth_of_the_training_set(monkeypatch) -> None:
    from autograder.specs import train

    exercise = get("train_lenet")
    params = exercise.edge_cases[0].params
    all_images, all_labels, _ = load_image_folder("digits", "train")
    monkeypatch.setattr(train, "has_split", lambda name, split: False)  # a student release: no digits/test
    inputs = exercise.inputs(params, seed=0)
    held = len(all_labels) // train.PRACTICE_EVERY + (len(all_labels) % train.PRACTICE_EVERY > 0)
    assert len(inputs["test_images"]) == held and len(inputs["train_images"]) == len(all_labels) - held
    # no image is both trained on and scored on
    trained = {bytes(image.flatten().tolist()) for image in inputs["train_images"]}
    assert not trained & {bytes(image.flatten().tolist()) for image in inputs["test_images"]}
    order = torch.randperm(held, generator=exercise.generator(params, 0))
    labels = all_labels[torch.arange(len(all_labels)) % train.PRACTICE_EVERY == 0][order]
    credit, sentence = score_accuracy({"predictions": labels}, params, exercise.generator(params, 0))
    assert credit == 1.0 and f"{held} of {held} test images right" in sentence
    assert "practice score on a split of the training images" in sentence


@pytest.mark.slow
def test_the_reference_training_clears_the_full_credit_threshold() -> None:
    exercise = get("train_lenet")
    params = exercise.edge_cases[0].params
    torch.set_num_threads(1)  # as in a worker
    reference = SimpleNamespace(build_lenet=build_lenet_reference, train=train_reference)
    probe = probes.train_probe(reference, **exercise.inputs(params, seed=0))
    credit, sentence = score_accuracy(probe, params, exercise.generator(params, 0))
    assert credit == 1.0, sentence
    accuracy = float(sentence.split()[2])
    assert accuracy >= 0.95, sentence


# -- functions that draw random numbers: generator_calls ---------------------------------------------------

def _draws(n: int, generator=None) -> torch.Tensor:
    return torch.rand(n, generator=generator)


def test_generator_calls_makes_the_generator_and_reports_six_calls_in_order() -> None:
    report = probes.generator_calls(SimpleNamespace(draw=_draws), "draw", {"n": 4}, seed=11)
    assert list(report) == [probes.WITH_GENERATOR, probes.WITH_GENERATOR_AGAIN, probes.WITH_GENERATOR_RESEEDED,
                            probes.WITH_OTHER_GENERATOR, probes.WITHOUT_GENERATOR,
                            probes.WITHOUT_GENERATOR_RESEEDED]
    gen = torch.Generator().manual_seed(11)
    assert torch.equal(report[probes.WITH_GENERATOR], torch.rand(4, generator=gen))
    assert torch.equal(report[probes.WITH_GENERATOR_AGAIN], torch.rand(4, generator=gen))
    assert torch.equal(report[probes.WITH_GENERATOR_RESEEDED], report[probes.WITH_GENERATOR])
    other = torch.Generator().manual_seed(11 + probes.OTHER_SEED)
    assert torch.equal(report[probes.WITH_OTHER_GENERATOR], torch.rand(4, generator=other))
    # without a generator: the global one, seeded alike before each call, and otherwise than the generator
    assert torch.equal(report[probes.WITHOUT_GENERATOR], torch.rand(4, generator=torch.Generator().manual_seed(14)))
    assert torch.equal(report[probes.WITHOUT_GENERATOR_RESEEDED], report[probes.WITHOUT_GENERATOR])


def test_generator_calls_leaves_the_global_generator_and_the_inputs_as_they_were() -> None:
    def doubles_in_place(x, generator=None):
        return x.mul_(2).add_(torch.rand(x.shape, generator=generator))

    x = torch.ones(3)
    torch.manual_seed(5)
    state = torch.get_rng_state()
    report = probes.generator_calls(SimpleNamespace(f=doubles_in_place), "f", {"x": x}, seed=0)
    assert torch.equal(torch.get_rng_state(), state)
    assert torch.equal(x, torch.ones(3))
    # each call had its own copy: every one doubled ones, none doubled what an earlier call left
    assert all(bool(((value >= 2) & (value < 3)).all()) for value in report.values())


def test_generator_calls_fails_with_a_sentence_without_the_function() -> None:
    with pytest.raises(ProbeFailed, match=r"no function draw\(\)"):
        probes.generator_calls(SimpleNamespace(), "draw", {"n": 2}, seed=0)


# -- the hook in the worker and the grader ---------------------------------------------------------------

def test_the_worker_runs_the_driver_on_the_students_module(tmp_path: Path, monkeypatch) -> None:
    from autograder.sandbox import protocol

    monkeypatch.chdir(tmp_path)
    # the worker imports the submission as module "train" from a folder it puts on sys.path: undone after
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setitem(sys.modules, "train", None)
    worker = Worker("student")
    worker.load({"files": {"train.py": (REPO / "solutions" / "train.py").read_text()}}, {})
    tensors: dict = {}
    header = {"device": "cpu", "target": {"module": "train", "function": "build_lenet"},
              "args": protocol.encode({"num_classes": 4, "batch": 2}, tensors), "forbidden": [],
              "probe": "autograder.sandbox.probes.lenet_probe"}
    reply, reply_tensors = worker.call(header, tensors)
    assert reply["status"] == "returned"
    probe = protocol.decode(reply["value"], reply_tensors)
    assert probe["model(x).shape for x.shape = [2, 1, 32, 32]"] == [2, 4]
    # the same request without a probe calls the function itself, whose model cannot cross the channel
    plain = {**header, "probe": "", "args": protocol.encode({"num_classes": 4}, {})}
    reply, _ = worker.call(plain, {})
    assert reply["status"] == "returned" and reply["value"]["t"] == "other"


@pytest.mark.grading
def test_partial_credit_and_probe_failures_through_the_grader(tmp_path: Path) -> None:
    """A scored exercise earns the fraction its score gives; a driver's ProbeFailed is a failure, not an error."""

    def half_credit_for_small_heads(probe, params, gen):
        outputs = probe["model(x).shape for x.shape = [1, 1, 32, 32]"][1]
        return (1.0 if outputs > 5 else 0.5), f"{outputs} outputs earn half"

    scored = Exercise(id="lenet_scored", module="train", function="build_lenet", summary="", points=4,
                      reference=build_lenet_reference, make_inputs=lambda params, gen: dict(params),
                      probe="autograder.sandbox.probes.lenet_probe", score=half_credit_for_small_heads,
                      edge_cases=(Case("big", dict(num_classes=10, batch=1)),
                                  Case("small", dict(num_classes=2, batch=1))))
    compared = dataclasses.replace(get("build_lenet"), n_random=0)
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "train.py").write_text((REPO / "solutions" / "train.py").read_text())
    (tmp_path / "class").mkdir()
    solution = (REPO / "solutions" / "train.py").read_text()
    returns_class = solution.replace("    return nn.Sequential(\n", "    return nn.Sequential\n    nn.Sequential(\n", 1)
    assert returns_class != solution
    (tmp_path / "class" / "train.py").write_text(returns_class)
    with Grader(seed=0, device="cpu", exercises=[scored, compared]) as grader:
        result = grader.grade(tmp_path / "good")
        partial, passed = result.exercises
        assert partial.status == "failed" and partial.score == 3.0 and partial.cases_passed == 1
        assert 'case "small" (num_classes=2, batch=1): 2 outputs earn half' in partial.feedback
        assert passed.status == "passed" and passed.score == passed.max_score
        (_, refused) = grader.grade(tmp_path / "class").exercises
        assert refused.status == "failed" and refused.score == 0
        assert "build_lenet() returned the class Sequential, not an nn.Module" in refused.feedback


def test_generator_calls_come_in_an_order_drawn_from_the_seed() -> None:
    """A function that counts its calls cannot tell the probe's calls apart: their order depends on the seed;
    the report always lists them in one order, which the feedback follows."""
    from types import SimpleNamespace

    def orders(seed: int) -> tuple[list, list]:
        seen: list = []

        def draw(x, generator=None):
            seen.append(None if generator is None else generator.initial_seed() - seed)
            return torch.rand(x.shape, generator=generator)

        report = probes.generator_calls(SimpleNamespace(draw=draw), "draw", {"x": torch.zeros(2)}, seed)
        return seen, list(report)

    drawn = {tuple(orders(seed)[0]) for seed in range(20)}
    assert len(drawn) > 3  # not one fixed order
    assert all(sorted(order, key=str) == sorted([0, 0, 0, probes.OTHER_SEED, None, None], key=str)
               for order in drawn)
    assert orders(5) == orders(5)
    assert orders(5)[1] == list(probes.GENERATOR_CALLS)
