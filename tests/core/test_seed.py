"""Seeds: every case derives from the seed through a keyed hash, so a submission that tries seeds against
the inputs it receives finds a small seed (the attack the issue measured: seed 2025 in seconds) and never a
secret one."""

from __future__ import annotations

import secrets

import torch

from autograder.core.seed import PUBLIC_SEED, guessable, keyed
from autograder.specs import get

RELU = get("relu")


def _seen_by_the_student(seed: int) -> torch.Tensor:
    """What a submission receives: the inputs of the first random case."""
    case = RELU.cases(seed)[len(RELU.edge_cases)]
    return RELU.inputs(case.params, seed)["x"]


def _search(seen: torch.Tensor, tries: int) -> int | None:
    """The attack: draw every seed's inputs for the same case and compare."""
    for seed in range(tries):
        cases = RELU.cases(seed)[len(RELU.edge_cases)]
        x = RELU.inputs(cases.params, seed)["x"]
        if x.shape == seen.shape and torch.equal(x, seen):
            return seed
    return None


def test_trying_seeds_finds_a_small_one_and_never_the_secret() -> None:
    assert _search(_seen_by_the_student(1234), 1300) == 1234
    assert guessable(1234) and guessable(PUBLIC_SEED)
    secret = secrets.randbits(128)
    assert not guessable(secret)
    assert _search(_seen_by_the_student(secret), 1300) is None


def test_cases_are_a_keyed_hash_of_the_seed() -> None:
    # the same seed always gives the same cases; seeds that differ by one bit share nothing
    assert torch.equal(_seen_by_the_student(7), _seen_by_the_student(7))
    assert RELU.cases(2**127)[-1].params != RELU.cases(2**127 + 1)[-1].params or \
        not torch.equal(_seen_by_the_student(2**127), _seen_by_the_student(2**127 + 1))
    assert keyed(5, "inputs") != keyed(5, "inputs ") and keyed(5, "x") != keyed(6, "x")
    assert len(keyed(-3, "x")) == 32  # any int is a key, negative ones too
