"""Writes fake results where a grader might read them and files outside its directory, then answers wrongly."""
import json
import os
from pathlib import Path

FAKE = json.dumps({"score": 100, "max_score": 100, "exercises": []})
TARGETS = [
    Path("results.json"),
    Path(os.path.expanduser("~")) / "results.json",
    Path("/tmp/autograder-adversarial-canary"),
    Path(os.environ.get("AUTOGRADER_ADVERSARIAL_CANARY", "/tmp/autograder-adversarial-canary-2")),
]
for parent in list(Path(__file__).resolve().parents)[:6]:
    TARGETS.append(parent / "autograder-adversarial-canary")
for target in TARGETS:
    try:
        target.write_text(FAKE)
    except OSError:
        pass


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return 0
