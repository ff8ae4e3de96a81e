"""Transfer learning: freeze a torchvision ResNet and give it a new classifier head.

The answer is a model, which cannot cross the channel, so the exercise is probed (``Exercise.probe``):
``autograder.sandbox.probes.transfer_probe`` runs in the worker, builds the ResNet there (``weights=None``:
nothing is downloaded), calls the student's ``prepare_for_transfer`` and reports what an instructor would
inspect (the head's type and shape, that it is new, which parameters are frozen, the trainable count,
whether the backbone's weights changed, the output shape of a forward pass) as a dict of plain values.
The grader compares that dict, key by key, with the same probe applied to the reference here; the first
differing key is the feedback. ``tests/sandbox/test_probes.py`` checks the reference's probe against numbers
worked out by hand.
"""

from __future__ import annotations

import random

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake
from autograder.sandbox.probes import RESNETS

ORDER = 15


def _transfer_inputs(params, gen):
    return dict(arch=params["arch"], num_classes=params["num_classes"], batch=params["batch"])


def _random_transfer(rng: random.Random) -> dict:
    return dict(arch=rng.choice(RESNETS), num_classes=rng.choice([rng.randint(1, 20), rng.randint(21, 1500)]),
                batch=rng.randint(1, 3))


EXERCISES = [
    Exercise(
        id="prepare_for_transfer",
        module="transfer",
        summary="freeze a torchvision ResNet and replace its fc head with a trainable one for num_classes",
        reference_note="the model probed (frozen flags, new head, trainable count, forward pass)",
        points=5,
        reference=answer_key("transfer", "prepare_for_transfer_reference"),
        mistakes=(
            Mistake("backbone_not_frozen", answer_key("transfer", "prepare_for_transfer_backbone_not_frozen")),
            Mistake("new_head_frozen", answer_key("transfer", "prepare_for_transfer_head_frozen_too")),
            Mistake("head_in_features_hard_coded",
                    answer_key("transfer", "prepare_for_transfer_in_features_hard_coded")),
            Mistake("head_not_replaced", answer_key("transfer", "prepare_for_transfer_head_not_replaced")),
            Mistake("replaces_classifier_not_fc", answer_key("transfer", "prepare_for_transfer_replaces_classifier")),
        ),
        make_inputs=_transfer_inputs,
        probe="autograder.sandbox.probes.transfer_probe",
        edge_cases=(
            Case("resnet18", dict(arch="resnet18", num_classes=10, batch=2)),
            # the size of ImageNet's head: the head must still be a new layer
            Case("1000_classes", dict(arch="resnet18", num_classes=1000, batch=2)),
            # 2048 features: catches a hard-coded 512
            Case("bottleneck_resnet", dict(arch="resnet14_bottleneck", num_classes=5, batch=2)),
            # resnet10 (torchvision's ResNet with one BasicBlock per stage) is half resnet18's size: cheaper
            Case("one_output", dict(arch="resnet10", num_classes=1, batch=2)),
            Case("two_classes", dict(arch="resnet10", num_classes=2, batch=2)),
            Case("batch_of_one", dict(arch="resnet10", num_classes=7, batch=1)),
        ),
        random_case=_random_transfer,
        n_random=3,
        # the first call in a worker imports torchvision, which can take seconds on a loaded machine
        time_limit=60.0,
        slow_imports=("torchvision.models",),
        background=True,  # nothing timed; seconds of building ResNets in the worker
    ),
]
