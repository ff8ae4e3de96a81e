"""ada's transfer.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# prepare_for_transfer/correct_deepcopy: Correct: works on a deep copy and returns it, leaving the caller's model untouched.
import copy

from torch import nn


def prepare_for_transfer(model, num_classes):
    new_model = copy.deepcopy(model)
    for parameter in new_model.parameters():
        parameter.requires_grad_(False)
    in_features = new_model.fc.in_features
    new_model.fc = nn.Linear(in_features, num_classes)
    return new_model
