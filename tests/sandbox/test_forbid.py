"""The forbidden-operator guard, in this process (no student code involved): every route refuses, on every
thread, and lifting the guard gives PyTorch back intact."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from autograder.sandbox import forbid
from autograder.specs import all_exercises

GRU = ("aten::gru_cell", "aten::_thnn_fused_gru_cell", "aten::gru")


@pytest.fixture
def guard():
    held = forbid.Guard()
    forbid.taken()
    yield held
    held.lift()
    forbid.taken()


def _gru_inputs():
    cell = torch.nn.GRUCell(5, 7)
    return cell, torch.randn(3, 5), torch.randn(3, 7)


def _refused(route) -> list[str]:
    with pytest.raises(Exception):  # noqa: B017 -- the refusal may come back wrapped by the dispatcher
        route()
    return forbid.taken()


def test_every_route_to_a_forbidden_operator_refuses(guard) -> None:
    cell, x, h = _gru_inputs()
    weights = (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    guard.hold(GRU)
    routes = {
        "module": lambda: cell(x, h),
        "torch": lambda: torch.gru_cell(x, h, *weights),
        "_VF": lambda: torch._VF.gru_cell(x, h, *weights),
        "ops": lambda: torch.ops.aten.gru_cell(x, h, *weights),
        "getattr": lambda: getattr(torch, "gru" + "_cell")(x, h, *weights),
        "no grad": lambda: torch.no_grad()(cell)(x, h),
        "inference mode": lambda: torch.inference_mode()(cell)(x, h),
        "decomposition": lambda: torch._decomp.decomposition_table[torch.ops.aten.gru.input](
            x[None], h[None], [*weights], True, 1, 0.0, False, False, False),
        "sequence module": lambda: torch.nn.GRU(5, 7)(x[None]),
    }
    for name, route in routes.items():
        assert _refused(route) != [], name


def test_other_threads_are_refused_too(guard) -> None:
    cell, x, h = _gru_inputs()
    guard.hold(GRU)
    outcome: list[str] = []

    def run() -> None:
        try:
            cell(x, h)
            outcome.append("computed")
        except Exception:
            outcome.append("refused")

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    with ThreadPoolExecutor(2) as pool:
        pool.submit(run).result()
    assert outcome == ["refused", "refused"]
    assert forbid.taken() == ["aten::gru_cell"]


def test_python_implementations_and_python_functions_refuse(guard) -> None:
    x = torch.randn(4, 3)
    guard.hold(("aten::relu", "torch.nn.functional.multilabel_soft_margin_loss"))
    assert _refused(lambda: torch._refs.nn.functional.relu(x)) == ["aten::relu"]
    assert _refused(lambda: torch._decomp.decomposition_table[torch.ops.aten.relu.default](x)) == ["aten::relu"]
    assert _refused(lambda: torch.relu(x.to_sparse())) == ["aten::relu"]
    alias = F.multilabel_soft_margin_loss
    assert _refused(lambda: alias(x, (x > 0).float())) == ["torch.nn.functional.multilabel_soft_margin_loss"]


def test_a_decoy_put_in_pytorchs_tables_before_the_guard_does_not_hide_the_implementation(guard) -> None:
    """A submission that, before a later exercise's guard is held, puts decoys in the decomposition table and
    the module of references, and keeps the implementations for itself: they refuse all the same (the guard
    knows them from when the kit was imported), and so do the decoys, found where they now are."""
    x = torch.randn(4, 3)
    table, module = torch._decomp.decomposition_table, torch._refs.nn.functional
    kept = module.relu
    keys = [key for key, fn in table.items() if fn is kept]  # relu.default and relu.out

    def decoy(a):
        return torch.relu(a)

    module.relu = decoy
    table.update(dict.fromkeys(keys, decoy))
    try:
        guard.hold(("aten::relu",))
        assert _refused(lambda: kept(x)) == ["aten::relu"]
        assert _refused(lambda: table[keys[0]](x)) == ["aten::relu"]
    finally:
        guard.lift()
        module.relu = kept
        table.update(dict.fromkeys(keys, kept))
    assert keys
    torch.testing.assert_close(kept(x), x.clamp(min=0))


def test_plain_operations_are_not_refused(guard) -> None:
    cell, x, h = _gru_inputs()
    guard.hold(GRU)
    gates = x @ cell.weight_ih.T + h @ cell.weight_hh.T
    torch.sigmoid(gates).sum()
    assert forbid.taken() == []


def test_lifting_gives_pytorch_back(guard) -> None:
    cell, x, h = _gru_inputs()
    expected = cell(x, h)
    relu_code = torch._refs.nn.functional.relu.__code__
    guard.hold(GRU + ("aten::relu", "torch.autograd.grad"))
    guard.hold(("aten::relu",))  # another exercise's guard replaces the first
    torch.testing.assert_close(cell(x, h), expected)
    guard.lift()
    torch.testing.assert_close(cell(x, h), expected)
    assert torch.relu(torch.tensor([-1.0, 2.0])).tolist() == [0.0, 2.0]
    assert torch._refs.nn.functional.relu.__code__ is relu_code
    assert forbid.taken() == []


def test_every_forbidden_name_of_every_exercise_can_be_made_unusable() -> None:
    """An ``aten::`` name is an operator PyTorch knows; any other name is a Python function (whose code the
    guard replaces): a class or a builtin could not be refused, so no spec may name one."""
    for exercise in all_exercises():
        for name in exercise.forbidden:
            if name.startswith("aten::"):
                assert torch._C._jit_get_schemas_for_operator(name), f"{exercise.id}: unknown operator {name}"
            else:
                assert type(forbid.resolve(name)).__name__ == "function", f"{exercise.id}: {name}"


def test_unknown_paths_resolve_to_nothing() -> None:
    assert forbid.resolve("torch.nn.functional.no_such_function") is None


_UNDO = """
import weakref, torch
from autograder.sandbox import forbid
guard = forbid.Guard()
guard.hold(("aten::relu",))
for undo in [*weakref.finalize._registry, *(lib._destroy for lib in torch.library._keep_alive)]:
    try:
        undo()
    except Exception:
        pass
try:
    torch.relu(torch.randn(3))
    print("computed")
except Exception:
    print("refused", forbid.taken())
"""


def test_torch_library_registries_do_not_lead_back_to_the_guard() -> None:
    """What a submission could find without naming the kit: weakref finalizers (which undo a
    ``torch.library.Library``'s registrations) and torch.library's own list. In a process of its own:
    running every finalizer breaks the rest of PyTorch."""
    out = subprocess.run([sys.executable, "-c", _UNDO], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "refused ['aten::relu']", out.stderr[-2000:]


@pytest.mark.slow
def test_the_runner_forks_workers_whose_guard_index_is_current() -> None:
    """The index of PyTorch's Python implementations is made as the guard is imported, in the runner, which
    every worker is forked from: a module imported after it (torchvision brings one) made every worker's
    first hold find it stale and index PyTorch again."""
    probe = ("import sys; from autograder.sandbox import runner; runner._preload(); "
             "from autograder.sandbox import forbid; print(forbid._changed(forbid._KNOWN), "
             "'torch._decomp.decompositions_for_rng' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "True"], out.stdout + out.stderr
