"""Reference answers recorded for a student release.

Where a reference is PyTorch's own operator, shipping it gives nothing away. Where it is hand-written (a
noise schedule, TF-IDF, a mel filter bank), its code is the answer: it lives in ``autograder/keys``, which
the release leaves out (calling it there raises :class:`autograder.core.key.Withheld`), and the release
ships instead what it returns on every case of the public seed, as safetensors. A student's ``check``
compares with those records; cases of any other seed, shrinking and the timing verdict need the reference
itself and are left to the instructor's final grading.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import torch
from safetensors import safe_open
from safetensors.torch import save_file

from autograder.core.reference import Raised
from autograder.sandbox import protocol

DIRECTORY = Path(__file__).resolve().parents[1] / "recorded"

def fingerprint(inputs: dict) -> str:
    """The same inputs (values, dtypes, shapes) always give the same fingerprint."""
    tensors: dict[str, torch.Tensor] = {}
    tree = protocol.encode(inputs, tensors)
    digest = hashlib.sha256(json.dumps(tree, sort_keys=True).encode())
    for key in sorted(tensors, key=int):
        tensor = tensors[key].contiguous()
        digest.update(f"{tensor.dtype}{tuple(tensor.shape)}".encode())
        digest.update(tensor.reshape(-1).view(torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def save(path: Path, answers: dict[str, Any]) -> None:
    """Write ``fingerprint -> answer`` (an answer is a value, or :class:`Raised`)."""
    tensors: dict[str, torch.Tensor] = {}
    index = {}
    for key, answer in answers.items():
        index[key] = {"raised": answer.type_name} if isinstance(answer, Raised) else protocol.encode(answer, tensors)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(path), metadata={"index": json.dumps(index)})


@functools.cache
def answers(exercise_id: str) -> dict[str, Any] | None:
    """The recorded answers of an exercise, or ``None`` where its reference is shipped (always in the kit)."""
    path = DIRECTORY / f"{exercise_id}.safetensors"
    if not path.exists():
        return None
    with safe_open(str(path), framework="pt") as handle:
        index = json.loads(handle.metadata()["index"])
        tensors = {key: handle.get_tensor(key) for key in handle.keys()}
    return {key: Raised(node["raised"]) if "raised" in node else protocol.decode(node, tensors)
            for key, node in index.items()}
