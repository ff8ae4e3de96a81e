"""The reference's answer to a case: what the student's output is compared with.

In the kit the reference runs here, in the trusted grader, on the grading device. In a student release a
reference whose code is an answer is withheld, and its answers on the public seed are recorded instead
(:mod:`autograder.release.recorded`): such an exercise can only be checked on the cases recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import torch

from autograder.core.spec import Exercise, Mistake
from autograder.sandbox import protocol


@dataclass(frozen=True)
class Raised:
    """The reference raised: the student must raise the same type of exception."""

    type_name: str


class Unrecorded:
    """In a release: a case whose reference answer was not recorded (not a case of the public seed)."""


UNRECORDED = Unrecorded()


def expected(ex: Exercise, inputs: dict, device: str, recorded_as: str = "") -> tuple[Any, list[str]]:
    """The reference's answer for these inputs (brought back to the CPU) and the device type of each of its
    tensors; :class:`Raised` where the reference raises; ``UNRECORDED`` in a release, off the public seed
    (``recorded_as`` names the records where they are not the exercise's own)."""
    if ex.score is not None:
        return None, []  # scored, not compared: no reference answer
    answers = _recorded_answers(recorded_as or ex.id)
    if answers is not None:
        return _recorded(answers, inputs, device)
    tensors: dict = {}
    private = protocol.decode(protocol.encode(inputs, tensors), tensors)  # the reference may not alter inputs
    try:
        value = ex.run_reference(protocol.to_device(private, device))
    except Exception as err:
        return Raised(type(err).__name__), []
    out: dict = {}
    tree = protocol.encode(value, out)
    return protocol.decode(tree, out), protocol.tensor_devices(tree)


def mistaken(ex: Exercise, mistake: Mistake, inputs: dict, device: str) -> Any:
    """What ``mistake`` answers on these inputs, as :func:`expected` gives the reference's (through the
    exercise's probe where it has one; recorded on the public seed in a release)."""
    return expected(replace(ex, reference=mistake.function, mistakes=()), inputs, device,
                    recorded_as=mistake_record(ex, mistake))[0]


def mistake_record(ex: Exercise, mistake: Mistake) -> str:
    """The name a release records a mistake's answers under."""
    return f"{ex.id}~{mistake.id}"


def recorded_answers(ex: Exercise) -> dict[str, Any] | None:
    """The recorded answers of ``ex`` in a student release; ``None`` in the kit, where references run."""
    return _recorded_answers(ex.id)


def _recorded_answers(name: str) -> dict[str, Any] | None:
    from autograder.release import recorded  # the release imports this module's Raised

    return recorded.answers(name)


def _recorded(answers: dict[str, Any], inputs: dict, device: str) -> tuple[Any, list[str]]:
    from autograder.release import recorded

    answer = answers.get(recorded.fingerprint(inputs), UNRECORDED)
    if isinstance(answer, (Raised, Unrecorded)):
        return answer, []
    devices = protocol.tensor_devices(protocol.encode(answer, {}))
    # the reference would have answered on the grading device
    return answer, [torch.device(device).type for _ in devices]
