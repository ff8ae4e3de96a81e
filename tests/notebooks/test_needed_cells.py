"""What a notebook's ``check()`` runs again: the graded function and what it needs, not every cell."""

from __future__ import annotations

import ast

from autograder.notebooks import cells


def kept(cell_list: list[tuple[str, str]], names: tuple[str, ...] = ("gru_step",)) -> dict[str, str]:
    return {label: source for label, source in cells.needed_cells(cell_list, names)}


def statements(source: str) -> list[str]:
    return [ast.unparse(node) for node in ast.parse(source).body]


NOTEBOOK = [
    ("In[1]", "import torch\nimport torch.nn.functional as F\nimport matplotlib.pyplot as plt\nSCALE = 2.0\n"),
    ("In[2]", "def helper(x):\n    return x * SCALE\n"),
    ("In[3]", "def gru_step(x, h):\n    return helper(x) + torch.tanh(h)\n"),
    ("In[4]", "model = torch.nn.Linear(3, 3)\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
              "for epoch in range(1000):\n    loss = F.mse_loss(model(torch.randn(3)), torch.zeros(3))\n"
              "    loss.backward()\n    opt.step()\nplt.plot([1, 2])\nprint('trained')\n"),
    ("In[5]", "%matplotlib inline\nfrom autograder import check\ncheck('gru_step')\n"),
]


def test_a_training_cell_and_a_plot_are_not_run_again() -> None:
    found = kept(NOTEBOOK)
    assert "In[4]" not in found and "In[5]" not in found
    assert all("plt" not in source for source in found.values())


def test_the_function_its_helper_the_constant_and_the_imports_it_reads_are_kept() -> None:
    found = kept(NOTEBOOK)
    assert statements(found["In[1]"]) == ["import torch", "SCALE = 2.0"]  # not F, not pyplot
    assert statements(found["In[2]"]) == ["def helper(x):\n    return x * SCALE"]
    assert statements(found["In[3]"]) == ["def gru_step(x, h):\n    return helper(x) + torch.tanh(h)"]
    # line numbers inside a cell are kept, so a traceback names the student's line
    assert found["In[1]"].splitlines()[3] == "SCALE = 2.0"


def test_a_global_read_when_called_takes_its_last_value_and_a_redefinition_wins() -> None:
    later = [*NOTEBOOK, ("In[6]", "SCALE = 3.0\ntorch.manual_seed(0)\nunused = [1]\nunused.append(2)\n")]
    found = kept(later)
    assert statements(found["In[6]"]) == ["SCALE = 3.0", "torch.manual_seed(0)"]  # the value helper() sees
    assert statements(found["In[1]"]) == ["import torch"]
    redefined = [*later, ("In[7]", "def helper(x):\n    return x + OFFSET\nOFFSET = 1\n")]
    found = kept(redefined)
    assert "In[2]" not in found  # the helper defined last is the one called
    assert statements(found["In[6]"]) == ["torch.manual_seed(0)"]  # nothing kept reads SCALE any more
    assert statements(found["In[7]"]) == ["def helper(x):\n    return x + OFFSET", "OFFSET = 1"]


def test_state_the_function_needs_is_kept_with_what_changes_it() -> None:
    source = [("a", "import torch\nW = torch.zeros(3)\nW[0] = 1.0\ntable = {}\ntable.update(k=2)\n"),
              ("b", "def setup():\n    global BIAS\n    BIAS = 0.5\nsetup()\n"),
              ("c", "def gru_step(x, h):\n    return x * W + table['k'] + BIAS\n"),
              ("d", "x = 1; y = undefined_elsewhere\n")]
    found = kept(source)
    assert statements(found["a"]) == ["import torch", "W = torch.zeros(3)", "W[0] = 1.0", "table = {}",
                                      "table.update(k=2)"]
    assert statements(found["b"]) == ["def setup():\n    global BIAS\n    BIAS = 0.5", "setup()"]
    assert "d" not in found


def test_what_cannot_be_followed_is_kept() -> None:
    source = [("a", "from mymodule import *\n"), ("b", "globals()['gru_step'] = lambda x, h: h\n"),
              ("c", "def gru_step(x, h):\n    return h\n"), ("d", "def broken(:\n"),
              ("e", "from __future__ import annotations\n"), ("f", "a = 1; b = (2,\n     3)\n")]
    found = kept(source)
    assert set(found) == {"a", "b", "c", "d", "e"}
    assert found["d"] == "def broken(:\n"  # the module says it was not run, as it does for any notebook
    text = cells.module_text(cells.needed_cells(source, ("gru_step",)), "nb")
    assert "not run" in text


def test_a_probed_exercise_keeps_every_function_it_needs() -> None:
    source = [("a", "import torch.nn as nn\n"), ("b", "def build_lenet(n):\n    return nn.Linear(1, n)\n"),
              ("c", "def train(model, loader, epochs):\n    return model\n"),
              ("d", "model = train(build_lenet(10), None, epochs=20)\n")]
    found = kept(source, ("build_lenet", "train"))
    assert set(found) == {"a", "b", "c"}
