"""The source screen refuses code that reaches into the interpreter or the kit, and nothing ordinary."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.sandbox.screen import NestedTooDeep, screen

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("source, what", [
    ("import sys\nsys.modules['autograder.sandbox.worker'].x = 1\n", ".modules"),
    ("import ctypes\n", "import ctypes"),
    ("from autograder.specs.cnn import conv_output_size_reference\n", "from autograder.specs.cnn import ..."),
    ("import gc\n", "import gc"),
    ("exec('x = 1')\n", "exec"),
    ("f = eval\n", "eval"),
    ("x = __import__('os')\n", "__import__"),
    ("def f():\n    import sys\n    return sys._getframe().f_back\n", "._getframe"),
    ("import torch\ntorch.autograd._disable_profiler_legacy()\n", "._disable_profiler_legacy"),
    ("m = getattr(__builtins__, 'open')\n", "__builtins__"),
    ("name = 'ctypes'\n", "'ctypes'"),
    ("import librosa\n", "import librosa"),
    ("from sklearn.feature_extraction.text import CountVectorizer\n",
     "from sklearn.feature_extraction.text import ..."),
])
def test_reaching_into_the_interpreter_is_found_with_its_line(source: str, what: str) -> None:
    findings = screen(source)
    assert what in {f.what for f in findings}
    assert all(f.line >= 1 for f in findings)


def test_ordinary_exercise_code_passes() -> None:
    source = (
        "import math\nimport numpy as np\nimport torch\nimport torch.nn.functional as F\nfrom torch import nn\n"
        "def f(x, model):\n    model.eval()\n    fn = torch.compile\n    for m in model.modules():\n"
        "        pass\n    return getattr(torch, 'sigmoid')(x) + math.sqrt(2) + np.float32(1)\n"
    )
    assert screen(source) == []


def test_no_solution_stub_or_fixture_of_the_kit_is_refused() -> None:
    files = [*ROOT.glob("solutions/*.py"), *ROOT.glob("exercises/*.py"), *ROOT.glob("tests/variants/*/*.py")]
    assert files
    refused = {str(p.relative_to(ROOT)): screen(p.read_text()) for p in files}
    assert {name: found for name, found in refused.items() if found} == {}


def test_code_that_does_not_parse_is_left_to_the_import() -> None:
    assert screen("def f(:\n") == []


@pytest.mark.parametrize("expression", ["-" * 20_000 + "1", "not " * 20_000 + "x"])
def test_code_nested_past_the_parser_is_not_passed_as_clean(expression: str) -> None:
    """The parser gives up (MemoryError or RecursionError, not SyntaxError) on code nested this deep: such a
    module cannot be screened, and must not be taken for one with nothing to refuse."""
    with pytest.raises(NestedTooDeep):
        screen(f"def conv_output_size(*args):\n    return {expression}\n")
