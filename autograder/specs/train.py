"""Training a convolutional network: LeNet-5 on scikit-learn's handwritten digits.

Both answers are models, so both exercises are probed (``Exercise.probe``, drivers in
``autograder.sandbox.probes``):

- ``build_lenet``: the worker builds the student's network and reports its layers, its parameter count
  and the shape of a forward pass; the grader compares that, key by key, with the reference's report.
- ``train_lenet``: the worker builds the student's LeNet under the case's seed, trains it with the
  student's ``train`` on the training images (``datasets/digits/train``, sent as tensors), and returns
  its predictions on the held-out images (``datasets/digits/test``), which arrive shuffled in an order
  drawn from the grading seed and without their labels. The grader scores the predictions here
  (``score_accuracy``): accuracy >= ``FULL_CREDIT_ACCURACY`` earns the case's full credit, accuracy <=
  ``NO_CREDIT_ACCURACY`` none, linearly in between. The reference ``train`` (Adam, lr 1e-3) reaches about
  0.97 in ``EPOCHS`` epochs; ``tests/sandbox/test_probes.py`` checks that it clears the threshold.

What the score can and cannot tell: the held-out labels never reach the worker, and the order the test
images arrive in is drawn from the grading seed; under bubblewrap ``datasets/digits/test`` is an empty
folder in the worker (``isolation.hidden_paths``). But the digits are public (scikit-learn ships them, and at
the ``process`` level the folder is readable), so a submission that looks the test images up there could
fake its accuracy; the score measures honest training, the course's academic rules cover the rest.

A student release holds no ``digits/test`` (``datasets.HELD_OUT``): there ``check`` trains on four fifths
of the training images and scores on the other fifth, and its feedback says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from autograder.core.key import answer_key
from autograder.core.messages import say
from autograder.core.spec import Case, Exercise, Mistake
from autograder.datasets import has_split, load_image_folder

ORDER = 12

DIGITS = "digits"  # datasets/digits/{train,test}/<digit>/*.png, made by datasets/make_digits.py
NUM_CLASSES = 10
EPOCHS = 10
BATCH_SIZE = 32
# in a student release (no held-out images): every fifth training image is held out to check on
PRACTICE_EVERY = 5
FULL_CREDIT_ACCURACY = 0.90
NO_CREDIT_ACCURACY = 0.50


def _lenet_inputs(params, gen):
    return dict(num_classes=params["num_classes"], batch=params["batch"])


def _test_order(count: int, gen: torch.Generator) -> torch.Tensor:
    """The order the held-out images are sent in: make_inputs's first draw, which score_accuracy redraws.

    ImageFolder lists the images by class, so sending them in that order would tell a model that counts
    its calls their labels.
    """
    return torch.randperm(count, generator=gen)


def _splits() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, bool]:
    """Training images and labels, held-out images and labels, and whether the held-out ones are a
    practice split of the training set (a student release, which has no ``digits/test``)."""
    images, labels, _ = load_image_folder(DIGITS, "train")
    if has_split(DIGITS, "test"):
        test_images, test_labels, _ = load_image_folder(DIGITS, "test")
        return images, labels, test_images, test_labels, False
    held = torch.arange(len(labels)) % PRACTICE_EVERY == 0  # ImageFolder's order is by class: every class
    return images[~held], labels[~held], images[held], labels[held], True


def _train_inputs(params, gen):
    train_images, train_labels, test_images, _, _ = _splits()  # the held-out labels stay here
    order = _test_order(len(test_images), gen)
    seed = int(torch.randint(0, 2**31 - 1, (1,), generator=gen))
    return dict(train_images=train_images, train_labels=train_labels, test_images=test_images[order],
                num_classes=NUM_CLASSES, epochs=params["epochs"], batch_size=params["batch_size"], seed=seed)


def score_accuracy(probe: Any, params: Mapping[str, Any], gen: torch.Generator) -> tuple[float, str]:
    """Credit for the held-out accuracy of the probe's predictions (untrusted data from the worker)."""
    _, _, _, labels, practice = _splits()
    labels = labels[_test_order(len(labels), gen)]
    predictions = probe.get("predictions") if isinstance(probe, dict) else None
    if (not isinstance(predictions, torch.Tensor) or type(predictions) is not torch.Tensor
            or predictions.dtype != torch.int64 or predictions.shape != labels.shape):
        return 0.0, f"the worker sent no predictions for the {len(labels)} held-out images"
    correct = int((predictions == labels).sum())
    accuracy = correct / len(labels)
    credit = (accuracy - NO_CREDIT_ACCURACY) / (FULL_CREDIT_ACCURACY - NO_CREDIT_ACCURACY)
    sentence = say("held_out_accuracy", accuracy=accuracy, correct=correct, total=len(labels),
                   full=FULL_CREDIT_ACCURACY, none=NO_CREDIT_ACCURACY)
    note = "; " + say("practice_split", exercise="train_lenet") if practice else ""
    return min(1.0, max(0.0, credit)), sentence + note


EXERCISES = [
    Exercise(
        id="build_lenet",
        module="train",
        summary="LeNet-5 for 32x32 grayscale images as an nn.Module with num_classes outputs",
        reference_note="a LeNet-5 probed (layers, forward shape, parameter count)",
        points=5,
        reference=answer_key("train", "build_lenet_reference"),
        mistakes=(
            Mistake("softmax_output", answer_key("train", "build_lenet_softmax_output")),
            Mistake("log_softmax_output", answer_key("train", "build_lenet_log_softmax_output")),
            Mistake("num_classes_hard_coded", answer_key("train", "build_lenet_num_classes_hard_coded")),
            Mistake("lenet_missing_hidden_linear", answer_key("train", "build_lenet_missing_hidden_linear")),
        ),
        make_inputs=_lenet_inputs,
        probe="autograder.sandbox.probes.lenet_probe",
        edge_cases=(
            Case("ten_digits", dict(num_classes=10, batch=4)),
            Case("batch_of_one", dict(num_classes=10, batch=1)),
            Case("two_classes", dict(num_classes=2, batch=3)),
            Case("one_output", dict(num_classes=1, batch=2)),
            Case("hundred_classes", dict(num_classes=100, batch=2)),
        ),
        random_case=lambda rng: dict(num_classes=rng.randint(1, 50), batch=rng.randint(1, 8)),
        n_random=5,
    ),
    Exercise(
        id="train_lenet",
        module="train",
        function="train",
        summary="train the LeNet on the digits; scored by held-out accuracy (full points from 0.90)",
        reference_note="scored: held-out accuracy on `datasets/digits` (full points at 0.90, none at 0.50)",
        points=10,
        reference=answer_key("train", "train_reference"),
        make_inputs=_train_inputs,
        probe="autograder.sandbox.probes.train_probe",
        score=score_accuracy,
        edge_cases=(Case("digits", dict(epochs=EPOCHS, batch_size=BATCH_SIZE)),),
        # the reference trains in about 6 s on one thread of an idle 2-core machine, 15-25 s at load 10
        time_limit=90.0,
        background=True,
    ),
]
