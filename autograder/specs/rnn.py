"""Recurrent networks: one step of a GRU cell."""

from __future__ import annotations

import math
import random

import torch

from autograder.spec import Case, Exercise, Timing, randn

ORDER = 20


def gru_step_reference(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                       bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """``torch.gru_cell``, the operator behind ``nn.GRUCell``; it accepts ``None`` biases but only a batch."""
    if x.dim() == 1:
        return torch.gru_cell(x.unsqueeze(0), h.unsqueeze(0), weight_ih, weight_hh, bias_ih, bias_hh).squeeze(0)
    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def _gru_inputs(params, gen):
    """``B`` absent means one unbatched sequence; ``bias`` names which biases exist: both, none, ih or hh."""
    input_size, hidden_size, dtype = params["I"], params["H"], params["dtype"]
    lead = (params["B"],) if "B" in params else ()
    bias = params["bias"]
    # weights scaled by 1/sqrt(fan_in) keep the gate pre-activations around +-1.5: neither saturated nor flat,
    # so a swapped gate or a misplaced reset changes the output visibly
    return dict(
        x=randn(lead + (input_size,), gen, dtype),
        h=randn(lead + (hidden_size,), gen, dtype, scale=0.6),
        weight_ih=randn((3 * hidden_size, input_size), gen, dtype, scale=1 / math.sqrt(input_size)),
        weight_hh=randn((3 * hidden_size, hidden_size), gen, dtype, scale=1 / math.sqrt(hidden_size)),
        bias_ih=randn((3 * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "ih") else None,
        bias_hh=randn((3 * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "hh") else None,
    )


def _random_gru(rng: random.Random) -> dict:
    params = dict(I=rng.randint(1, 12), H=rng.randint(1, 12), bias=rng.choice(["both", "both", "none", "ih", "hh"]),
                  dtype=rng.choice(["float32", "float64"]))
    if rng.random() < 0.8:
        params["B"] = rng.randint(1, 6)
    return params


EXERCISES = [
    Exercise(
        id="gru_step",
        module="rnn",
        summary="one time step of a GRU cell with PyTorch's gate layout",
        points=10,
        reference=gru_step_reference,
        make_inputs=_gru_inputs,
        edge_cases=(
            Case("basic", dict(B=3, I=5, H=4, bias="both", dtype="float32")),
            Case("unbatched", dict(I=5, H=4, bias="both", dtype="float32")),
            Case("batch_of_one", dict(B=1, I=6, H=3, bias="both", dtype="float32")),
            Case("no_bias", dict(B=3, I=5, H=4, bias="none", dtype="float32")),
            Case("only_bias_ih", dict(B=3, I=5, H=4, bias="ih", dtype="float32")),
            Case("only_bias_hh", dict(B=3, I=5, H=4, bias="hh", dtype="float32")),
            Case("wide_input", dict(B=2, I=9, H=2, bias="both", dtype="float32")),
            Case("wide_hidden", dict(B=5, I=2, H=9, bias="both", dtype="float32")),
            Case("square_weights", dict(B=2, I=4, H=4, bias="both", dtype="float32")),
            Case("float64", dict(B=4, I=3, H=5, bias="both", dtype="float64")),
            Case("float64_unbatched_no_bias", dict(I=3, H=5, bias="none", dtype="float64")),
        ),
        random_case=_random_gru,
        n_random=20,
        shrink={"B": 1, "I": 1, "H": 1},
        timing=Timing(dict(B=64, I=128, H=256, bias="both", dtype="float32"), budget=10.0),
        # the fused cell and the whole-sequence GRU compute the answer in one call
        forbidden=("aten::gru_cell", "aten::_thnn_fused_gru_cell", "aten::gru"),
    ),
]
