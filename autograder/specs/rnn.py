"""Recurrent networks: one step of an RNN, LSTM or GRU cell, and a GRU over a whole sequence."""

from __future__ import annotations

import math
import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import FLOOR_CALLS, Case, Exercise, Mistake, Params, Timing, randn

ORDER = 20


def gru_step_reference(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                       bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """``torch.gru_cell``, the operator behind ``nn.GRUCell``; it accepts ``None`` biases but only a batch."""
    if x.dim() == 1:
        return torch.gru_cell(x.unsqueeze(0), h.unsqueeze(0), weight_ih, weight_hh, bias_ih, bias_hh).squeeze(0)
    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


# classic mistakes that are PyTorch's own operators called differently (the others are in autograder/keys/rnn.py)


def gru_step_keeps_batch_dim(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """An unbatched input lifted to a batch of one and returned so: (1, H) instead of (H,)."""
    return torch.gru_cell(torch.atleast_2d(x), torch.atleast_2d(h), weight_ih, weight_hh, bias_ih, bias_hh)


def gru_step_without_biases(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                            bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """The biases never added."""
    return gru_step_reference(x, h, weight_ih, weight_hh)


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
        reference_note="`torch.gru_cell`",
        points=10,
        reference=gru_step_reference,
        mistakes=(
            Mistake("gru_swapped_update_gate", answer_key("rnn", "gru_step_swapped_update_gate")),
            Mistake("gru_gate_order_zrn", answer_key("rnn", "gru_step_gate_order_zrn")),
            Mistake("gru_reset_before_matmul", answer_key("rnn", "gru_step_reset_before_matmul")),
            Mistake("gru_reset_skips_hidden_bias", answer_key("rnn", "gru_step_reset_skips_hidden_bias")),
            Mistake("gru_sigmoid_candidate", answer_key("rnn", "gru_step_sigmoid_candidate")),
            Mistake("ignores_biases", gru_step_without_biases),
            Mistake("weights_not_transposed", answer_key("rnn", "gru_step_weights_not_transposed")),
            Mistake("none_bias_added", answer_key("rnn", "gru_step_none_bias_added")),
            Mistake("batch_dim_assumed", answer_key("rnn", "gru_step_batch_dim_assumed")),
            Mistake("unbatched_keeps_batch_dim", gru_step_keeps_batch_dim),
        ),
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


# ---------------------------------------------------------------------------------------------------------
# rnn_step, lstm_step, gru_sequence

# The fused kernels behind the whole-sequence modules (oneDNN on CPU, cuDNN and MIOpen on GPUs): each runs
# any of the cells in one call, so no recurrent exercise may reach them.
RNN_KERNELS = ("aten::mkldnn_rnn_layer", "aten::_cudnn_rnn", "aten::miopen_rnn")


def rnn_step_reference(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                       bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """``torch.rnn_tanh_cell``, the operator behind ``nn.RNNCell``; like ``gru_cell``, it takes only a batch."""
    if x.dim() == 1:
        return torch.rnn_tanh_cell(x.unsqueeze(0), h.unsqueeze(0), weight_ih, weight_hh, bias_ih, bias_hh).squeeze(0)
    return torch.rnn_tanh_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def lstm_step_reference(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                        weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                        bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """``torch.lstm_cell``, the operator behind ``nn.LSTMCell``: ``(h', c')`` from ``(h, c)``, batch only."""
    if x.dim() == 1:
        h_next, c_next = torch.lstm_cell(x.unsqueeze(0), (h.unsqueeze(0), c.unsqueeze(0)), weight_ih, weight_hh,
                                         bias_ih, bias_hh)
        return h_next.squeeze(0), c_next.squeeze(0)
    h_next, c_next = torch.lstm_cell(x, (h, c), weight_ih, weight_hh, bias_ih, bias_hh)
    return h_next, c_next


def gru_sequence_reference(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                           bias_ih: torch.Tensor | None = None,
                           bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """``torch.gru``, the operator behind a one-layer ``nn.GRU`` (sequence first), called as the module calls it.

    The module has one ``bias`` switch for both biases; where only one is given, the other is zero, which
    adds nothing. (The module itself is not built: ``skip_init`` cannot build an ``nn.GRU``, whose
    constructor takes ``*args``, and a plain build draws random weights from the global generator.)
    """
    if bias_ih is not None and bias_hh is not None:
        weights = [weight_ih, weight_hh, bias_ih, bias_hh]
    elif bias_ih is not None:
        weights = [weight_ih, weight_hh, bias_ih, torch.zeros_like(bias_ih)]
    elif bias_hh is not None:
        weights = [weight_ih, weight_hh, torch.zeros_like(bias_hh), bias_hh]
    else:
        weights = [weight_ih, weight_hh]
    # has_biases, num_layers, dropout, train, bidirectional, batch_first
    output, h_n = torch.gru(x, h0, weights, len(weights) == 4, 1, 0.0, False, False, False)
    return output, h_n


# classic mistakes that are PyTorch's own operators called differently (the others are in autograder/keys/rnn.py)


def rnn_step_keeps_batch_dim(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """An unbatched input lifted to a batch of one and returned so: (1, H) instead of (H,)."""
    return torch.rnn_tanh_cell(torch.atleast_2d(x), torch.atleast_2d(h), weight_ih, weight_hh, bias_ih, bias_hh)


def rnn_step_relu(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                  bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """nn.RNNCell's other nonlinearity, ReLU, instead of tanh."""
    if x.dim() == 1:
        return torch.rnn_relu_cell(x.unsqueeze(0), h.unsqueeze(0), weight_ih, weight_hh, bias_ih, bias_hh)[0]
    return torch.rnn_relu_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def rnn_step_without_bias_hh(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    """The course's single bias taken for bias_ih: bias_hh never added."""
    return rnn_step_reference(x, h, weight_ih, weight_hh, bias_ih)


def lstm_step_c_then_h(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
                       weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                       bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """The pair returned as (c', h') instead of (h', c')."""
    h_next, c_next = lstm_step_reference(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh)
    return c_next, h_next


def gru_sequence_h_n_first_state(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor,
                                 weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                 bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """h_n taken as the state after the first step, output[:1]."""
    output, _ = gru_sequence_reference(x, h0, weight_ih, weight_hh, bias_ih, bias_hh)
    return output, output[:1]


def gru_sequence_h_n_without_layer_dim(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor,
                                       weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                       bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """h_n returned as a cell's (B, H) state instead of (1, B, H)."""
    output, h_n = gru_sequence_reference(x, h0, weight_ih, weight_hh, bias_ih, bias_hh)
    return output, h_n[0]


def gru_sequence_output_with_h0(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor,
                                weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
                                bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """h0 put in front of the outputs: T + 1 states."""
    output, h_n = gru_sequence_reference(x, h0, weight_ih, weight_hh, bias_ih, bias_hh)
    return torch.cat([h0, output]), h_n


def _cell_inputs(params: Params, gen: torch.Generator, gates: int, cell_state: bool = False) -> dict:
    """``gates`` stacked blocks of ``H`` rows per weight (1 for the RNN, 4 for the LSTM); ``B`` absent means one
    unbatched sequence; ``bias`` is both, none, ih or hh; ``cell_state`` adds the LSTM's ``c``."""
    input_size, hidden_size, dtype, bias = params["I"], params["H"], params["dtype"], params["bias"]
    lead = (params["B"],) if "B" in params else ()
    # as for gru_step: weights of scale 1/sqrt(fan_in) keep the pre-activations around +-1.5, where tanh and
    # sigmoid are neither saturated nor linear, so a wrong gate or a missing term shows
    inputs: dict[str, torch.Tensor | None] = dict(x=randn(lead + (input_size,), gen, dtype),
                                                  h=randn(lead + (hidden_size,), gen, dtype, scale=0.6))
    if cell_state:
        # a cell state is not squashed: entries beyond +-1 show an h' = o * c' that forgot the tanh
        inputs["c"] = randn(lead + (hidden_size,), gen, dtype, scale=1.2)
    inputs.update(
        weight_ih=randn((gates * hidden_size, input_size), gen, dtype, scale=1 / math.sqrt(input_size)),
        weight_hh=randn((gates * hidden_size, hidden_size), gen, dtype, scale=1 / math.sqrt(hidden_size)),
        bias_ih=randn((gates * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "ih") else None,
        bias_hh=randn((gates * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "hh") else None,
    )
    return inputs


def _rnn_inputs(params, gen):
    return _cell_inputs(params, gen, gates=1)


def _lstm_inputs(params, gen):
    return _cell_inputs(params, gen, gates=4, cell_state=True)


def _cell_cases() -> tuple[Case, ...]:
    """The edge cases that rnn_step and lstm_step share with gru_step: I != H unless the name says so."""
    return (
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
    )


def _gru_sequence_inputs(params, gen):
    """``x`` is ``(T, B, I)`` and ``h0`` is ``(1, B, H)``, as ``nn.GRU`` takes them; ``bias`` as for gru_step."""
    steps, batch, input_size, hidden_size = params["T"], params["B"], params["I"], params["H"]
    dtype, bias = params["dtype"], params["bias"]
    return dict(
        x=randn((steps, batch, input_size), gen, dtype),
        h0=randn((1, batch, hidden_size), gen, dtype, scale=0.6),
        weight_ih=randn((3 * hidden_size, input_size), gen, dtype, scale=1 / math.sqrt(input_size)),
        weight_hh=randn((3 * hidden_size, hidden_size), gen, dtype, scale=1 / math.sqrt(hidden_size)),
        bias_ih=randn((3 * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "ih") else None,
        bias_hh=randn((3 * hidden_size,), gen, dtype, scale=0.7) if bias in ("both", "hh") else None,
    )


def _sequence_case(bias: str = "both", dtype: str = "float32", **sizes: int) -> dict:
    """``sizes`` are T, B, I and H."""
    return dict(sizes, bias=bias, dtype=dtype)


def _random_sequence(rng: random.Random) -> dict:
    return _sequence_case(T=rng.randint(1, 8), B=rng.randint(1, 5), I=rng.randint(1, 8), H=rng.randint(1, 8),
                          bias=rng.choice(["both", "both", "none", "ih", "hh"]),
                          dtype=rng.choice(["float32", "float64"]))


EXERCISES += [
    Exercise(
        id="rnn_step",
        module="rnn",
        summary="one time step of an Elman RNN cell with tanh, as nn.RNNCell",
        reference_note="`torch.rnn_tanh_cell`",
        points=5,
        reference=rnn_step_reference,
        mistakes=(
            Mistake("rnn_relu_instead_of_tanh", rnn_step_relu),
            Mistake("ignores_bias_hh", rnn_step_without_bias_hh),
            Mistake("weights_not_transposed", answer_key("rnn", "rnn_step_weights_not_transposed")),
            Mistake("none_bias_added", answer_key("rnn", "rnn_step_none_bias_added")),
            Mistake("unbatched_keeps_batch_dim", rnn_step_keeps_batch_dim),
        ),
        make_inputs=_rnn_inputs,
        edge_cases=_cell_cases(),
        random_case=_random_gru,
        n_random=12,
        shrink={"B": 1, "I": 1, "H": 1},
        timing=Timing(dict(B=64, I=128, H=256, bias="both", dtype="float32"), budget=10.0),
        # the fused cell, and nn.RNN's whole-sequence operator run on a sequence of one step
        forbidden=("aten::rnn_tanh_cell", "aten::rnn_tanh") + RNN_KERNELS,
    ),
    Exercise(
        id="lstm_step",
        module="rnn",
        summary="one time step of an LSTM cell with PyTorch's gate layout i, f, g, o; returns (h, c)",
        reference_note="`torch.lstm_cell`",
        points=10,
        reference=lstm_step_reference,
        mistakes=(
            Mistake("lstm_gate_order_ifog", answer_key("rnn", "lstm_step_gate_order_ifog")),
            Mistake("lstm_forget_bias_plus_one", answer_key("rnn", "lstm_step_forget_bias_plus_one")),
            Mistake("lstm_no_tanh_on_cell", answer_key("rnn", "lstm_step_no_tanh_on_cell")),
            Mistake("lstm_returns_c_then_h", lstm_step_c_then_h),
            Mistake("batch_dim_assumed", answer_key("rnn", "lstm_step_batch_dim_assumed")),
        ),
        make_inputs=_lstm_inputs,
        edge_cases=_cell_cases(),
        random_case=_random_gru,
        n_random=12,
        shrink={"B": 1, "I": 1, "H": 1},
        # smaller than gru_step's: four gates make a loop over elements four times slower, and at this size it
        # is still far over budget while taking a second or two, not tens of seconds, to judge
        timing=Timing(dict(B=16, I=32, H=64, bias="both", dtype="float32"), budget=10.0, calls=FLOOR_CALLS),
        # the fused cell (its CUDA kernel too) and the whole-sequence LSTM
        forbidden=("aten::lstm_cell", "aten::_thnn_fused_lstm_cell", "aten::lstm") + RNN_KERNELS,
    ),
    Exercise(
        id="gru_sequence",
        module="rnn",
        summary="a one-layer nn.GRU over a (T, B, I) sequence: every hidden state and the last one",
        reference_note="`torch.gru`, as a one-layer `nn.GRU`",
        points=10,
        reference=gru_sequence_reference,
        mistakes=(
            Mistake("sequence_read_batch_first", answer_key("rnn", "gru_sequence_read_batch_first")),
            Mistake("state_not_carried", answer_key("rnn", "gru_sequence_state_not_carried")),
            Mistake("h_n_is_first_state", gru_sequence_h_n_first_state),
            Mistake("h_n_without_layer_dim", gru_sequence_h_n_without_layer_dim),
            Mistake("output_includes_h0", gru_sequence_output_with_h0),
        ),
        make_inputs=_gru_sequence_inputs,
        # T, B, I and H differ unless the name says otherwise, so a batch-first reading or a stack along the
        # wrong dim shows in the shape
        edge_cases=(
            Case("basic", _sequence_case(T=5, B=3, I=4, H=6)),
            Case("one_step", _sequence_case(T=1, B=3, I=4, H=6)),
            Case("batch_of_one", _sequence_case(T=5, B=1, I=4, H=6)),
            Case("one_step_batch_of_one", _sequence_case(T=1, B=1, I=3, H=2)),
            Case("no_bias", _sequence_case(T=5, B=3, I=4, H=6, bias="none")),
            Case("only_bias_ih", _sequence_case(T=4, B=2, I=5, H=3, bias="ih")),
            Case("only_bias_hh", _sequence_case(T=4, B=2, I=5, H=3, bias="hh")),
            Case("T_equals_B", _sequence_case(T=4, B=4, I=3, H=5)),
            Case("long_sequence", _sequence_case(T=24, B=2, I=3, H=4)),
            Case("float64", _sequence_case(T=6, B=3, I=5, H=4, dtype="float64")),
            Case("float64_no_bias", _sequence_case(T=3, B=2, I=4, H=5, bias="none", dtype="float64")),
        ),
        random_case=_random_sequence,
        n_random=12,
        shrink={"T": 1, "B": 1, "I": 1, "H": 1},
        # a Python loop over T is the expected solution: at this size each step's products outweigh the loop's
        # own cost (correct solutions measured 0.9x to 2.2x), while a loop over B and H in Python is stopped
        # at its limit (200x) within a second or two
        timing=Timing(_sequence_case(T=8, B=32, I=64, H=128), budget=10.0),
        # the whole-sequence GRU, and its cell: the loop over time is the exercise (your own gru_step is fine)
        forbidden=("aten::gru", "aten::gru_cell", "aten::_thnn_fused_gru_cell") + RNN_KERNELS,
    ),
]
