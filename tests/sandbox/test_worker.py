"""The worker's watch for forbidden operators, in this process (no student code involved)."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from autograder.sandbox import worker
from autograder.sandbox.worker import DispatcherRecord, ForbiddenWatch


def _gru_inputs():
    cell = torch.nn.GRUCell(5, 7)
    return cell, torch.randn(3, 5), torch.randn(3, 7)


def test_dispatcher_sees_the_operator_under_every_python_name() -> None:
    cell, x, h = _gru_inputs()
    weights = (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    routes = {
        "module": lambda: cell(x, h),
        "torch": lambda: torch.gru_cell(x, h, *weights),
        "_VF": lambda: torch._VF.gru_cell(x, h, *weights),
        "ops": lambda: torch.ops.aten.gru_cell(x, h, *weights),
        "getattr": lambda: getattr(torch, "gru" + "_cell")(x, h, *weights),
    }
    for name, route in routes.items():
        with DispatcherRecord() as record:
            route()
        assert "aten::gru_cell" in record.names, name


def test_dispatcher_record_falls_back_to_the_public_profiler(monkeypatch) -> None:
    def broken(*args):
        raise AttributeError("private profiler API not found")

    monkeypatch.setattr(torch.autograd, "_enable_profiler_legacy", broken)
    cell, x, h = _gru_inputs()
    with DispatcherRecord() as record:
        cell(x, h)
    assert "aten::gru_cell" in record.names
    assert record._public is not None


def test_plain_operations_are_not_mistaken_for_the_reference() -> None:
    cell, x, h = _gru_inputs()
    with DispatcherRecord() as record:
        gates = x @ cell.weight_ih.T + h @ cell.weight_hh.T
        torch.sigmoid(gates)
    assert not any("gru" in name for name in record.names)


def test_python_level_functions_are_seen_through_aliases() -> None:
    mha = torch.nn.MultiheadAttention(8, 2, batch_first=True)
    x = torch.randn(2, 4, 8)
    alias = F.multi_head_attention_forward
    for route in (lambda: mha(x, x, x), lambda: alias(
            x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1), 8, 2, mha.in_proj_weight, mha.in_proj_bias,
            None, None, False, 0.0, mha.out_proj.weight, mha.out_proj.bias)):
        watch = ForbiddenWatch(["torch.nn.functional.multi_head_attention_forward"])
        with watch:
            route()
        assert watch.seen == {"torch.nn.functional.multi_head_attention_forward"}


def test_unknown_paths_are_ignored() -> None:
    assert worker._resolve("torch.nn.functional.no_such_function") is None
    assert ForbiddenWatch(["no_such_package.thing"]).targets == {}
