"""The recurrent references agree with PyTorch's modules built from the same weights, on every case."""

from __future__ import annotations

import pytest
import torch

from autograder.specs import get


def _module_from(cls, inputs: dict, **kwargs):
    weight_ih = inputs["weight_ih"]
    hidden = inputs["weight_hh"].shape[1]
    has_bias = inputs.get("bias_ih") is not None or inputs.get("bias_hh") is not None
    module = cls(weight_ih.shape[1], hidden, bias=has_bias, dtype=weight_ih.dtype, **kwargs)
    suffix = "_l0" if cls is torch.nn.GRU else ""
    with torch.no_grad():
        getattr(module, f"weight_ih{suffix}").copy_(weight_ih)
        getattr(module, f"weight_hh{suffix}").copy_(inputs["weight_hh"])
        if has_bias:
            gates = {torch.nn.RNNCell: 1, torch.nn.LSTMCell: 4, torch.nn.GRU: 3}[cls]
            for name in ("bias_ih", "bias_hh"):
                value = inputs.get(name)
                # the module has one bias switch: a bias the case leaves out is zero, which adds nothing
                if value is None:
                    value = torch.zeros(gates * hidden, dtype=weight_ih.dtype)
                getattr(module, f"{name}{suffix}").copy_(value)
    return module


@pytest.mark.parametrize("exercise_id, module", [("rnn_step", torch.nn.RNNCell), ("lstm_step", torch.nn.LSTMCell),
                                                 ("gru_sequence", torch.nn.GRU)])
def test_reference_equals_the_module(exercise_id: str, module) -> None:
    exercise = get(exercise_id)
    for case in exercise.cases(seed=0):
        inputs = exercise.inputs(case.params, seed=0)
        expected = exercise.reference(**inputs)
        built = _module_from(module, inputs)
        with torch.no_grad():
            if exercise_id == "rnn_step":
                got = built(inputs["x"], inputs["h"])
            elif exercise_id == "lstm_step":
                got = built(inputs["x"], (inputs["h"], inputs["c"]))
            else:
                got = built(inputs["x"], inputs["h0"])
        torch.testing.assert_close(got, expected, msg=lambda m, name=case.name: f"{name}: {m}")
