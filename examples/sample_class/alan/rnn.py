"""Recurrent networks.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

from __future__ import annotations

import torch


def gru_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    r"""One time step of a GRU, exactly as ``torch.nn.GRUCell`` computes it.

    Shapes: ``x`` is ``(B, I)`` and ``h`` is ``(B, H)`` for a batch; ``x`` is ``(I,)`` and ``h`` is ``(H,)``
    for a single sequence, and then the result is ``(H,)`` too. ``weight_ih`` is ``(3H, I)``, ``weight_hh``
    is ``(3H, H)``, ``bias_ih`` and ``bias_hh`` are ``(3H,)`` or ``None`` (either, or both; ``None`` adds
    nothing). Each weight stacks three gates by rows, in the order r (reset), z (update), n (new):
    ``W_ir = weight_ih[:H]``, ``W_iz = weight_ih[H:2H]``, ``W_in = weight_ih[2H:]``, and likewise for
    ``weight_hh``, ``bias_ih`` and ``bias_hh``. ``W x`` below means ``x @ W.T`` on a batch of rows.

        r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
        z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
        n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
        h' = (1 - z) * n + z * h

    How this relates to the course's GRU, c<t> = Γu * c~<t> + (1 - Γu) * c<t-1> with
    c~<t> = tanh(W_c [Γr * c<t-1>, x<t>] + b_c):

    - PyTorch's ``z`` is the gate that *keeps* the old state, so ``z`` plays the role of ``1 - Γu``: where
      ``z`` is near 1 the cell remembers ``h``, where it is near 0 it takes the new ``n``.
    - The reset gate multiplies ``W_hn h + b_hn``, *after* the matrix product and its bias; the course
      multiplies ``c<t-1>`` *before* it (``Γr * c<t-1>``). The two are different functions; PyTorch and
      cuDNN use the first, and so must you.
    - Each gate has two biases; ``b_ir + b_hr`` and ``b_iz + b_hz`` simply add up, but ``b_hn`` sits inside
      the reset product while ``b_in`` does not.

    Example with I = H = 1, all weights 0 and ``bias_hh = [0, 0, 2]``: r = z = sigmoid(0) = 0.5,
    n = tanh(0.5 * 2) = 0.7616, h' = 0.5 * 0.7616 + 0.5 * h; for h = 2 that is 1.3808.

    >>> gru_step(torch.tensor([3.0]), torch.tensor([2.0]), torch.zeros(3, 1), torch.zeros(3, 1),
    ...          None, torch.tensor([0.0, 0.0, 2.0]))
    tensor([1.3808])
    """
    raise NotImplementedError("gru_step: compute r, z, n and the new hidden state as in the docstring")


def rnn_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    r"""One time step of a simple (Elman) RNN with tanh, exactly as ``torch.nn.RNNCell`` computes it.

    Shapes: ``x`` is ``(B, I)`` and ``h`` is ``(B, H)`` for a batch; ``x`` is ``(I,)`` and ``h`` is ``(H,)``
    for a single sequence, and then the result is ``(H,)`` too. ``weight_ih`` is ``(H, I)``, ``weight_hh`` is
    ``(H, H)``, ``bias_ih`` and ``bias_hh`` are ``(H,)`` or ``None`` (either, or both; ``None`` adds nothing).
    ``W x`` below means ``x @ W.T`` on a batch of rows.

        h' = tanh(W_ih x + b_ih + W_hh h + b_hh)

    How this relates to the course's a<t> = tanh(W_aa a<t-1> + W_ax x<t> + b_a): ``weight_ih`` is W_ax,
    ``weight_hh`` is W_aa, and PyTorch keeps two biases whose sum is b_a.

    - ``weight_hh`` is square, so ``h @ weight_hh`` has the right shape as well: it is still wrong (the
      transpose of W_hh is not W_hh). Only ``h @ weight_hh.T`` is W_hh h.
    - PyTorch's operators for this step (``nn.RNNCell``, ``nn.RNN``) are not allowed here.

    Example with I = 2, H = 1: ``weight_ih = [[1, -1]]``, ``weight_hh = [[0.5]]``, ``bias_hh = [0.25]``,
    no ``bias_ih``, x = [2, 1] and h = [1]: h' = tanh(2 - 1 + 0.5 * 1 + 0.25) = tanh(1.75) = 0.9414.

    >>> rnn_step(torch.tensor([2.0, 1.0]), torch.tensor([1.0]), torch.tensor([[1.0, -1.0]]),
    ...          torch.tensor([[0.5]]), None, torch.tensor([0.25]))
    tensor([0.9414])
    """
    raise NotImplementedError("rnn_step: compute tanh(W_ih x + b_ih + W_hh h + b_hh) as in the docstring")


def lstm_step(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    r"""One time step of an LSTM, exactly as ``torch.nn.LSTMCell`` computes it: returns ``(h', c')``.

    Shapes: ``x`` is ``(B, I)``, ``h`` and ``c`` are ``(B, H)`` for a batch; ``(I,)``, ``(H,)`` and ``(H,)``
    for a single sequence, and then both results are ``(H,)`` too. ``weight_ih`` is ``(4H, I)``,
    ``weight_hh`` is ``(4H, H)``, ``bias_ih`` and ``bias_hh`` are ``(4H,)`` or ``None`` (either, or both).
    Each weight stacks four gates by rows, in the order i (input), f (forget), g (cell candidate),
    o (output): ``W_ii = weight_ih[:H]``, ``W_if = weight_ih[H:2H]``, ``W_ig = weight_ih[2H:3H]``,
    ``W_io = weight_ih[3H:]``, and likewise for ``weight_hh`` and the biases. ``W x`` means ``x @ W.T``.

        i  = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
        f  = sigmoid(W_if x + b_if + W_hf h + b_hf)
        g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
        o  = sigmoid(W_io x + b_io + W_ho h + b_ho)
        c' = f * c + i * g
        h' = o * tanh(c')

    - In the course's notation i is Γu, f is Γf, g is c~<t> and o is Γo.
    - The order is PyTorch's i, f, g, o. Other code orders the blocks differently (CS231n's i, f, o, g,
      for one); with PyTorch's weights only i, f, g, o is right.
    - The biases are used as given: nothing is added to the forget gate (Keras's ``unit_forget_bias`` is
      an initialisation, not part of the step).
    - Return the pair in LSTMCell's order, ``(h', c')``. PyTorch's LSTM operators (``nn.LSTMCell``,
      ``nn.LSTM``) are not allowed here.

    Example with I = H = 1, all weights zero, no ``bias_ih``, ``bias_hh = [0, 0, 1, 0]``, h = 0.5 and
    c = 2: i = f = o = sigmoid(0) = 0.5 and g = tanh(1) = 0.7616, so c' = 0.5 * 2 + 0.5 * 0.7616 = 1.3808
    and h' = 0.5 * tanh(1.3808) = 0.4406.

    >>> lstm_step(torch.tensor([3.0]), torch.tensor([0.5]), torch.tensor([2.0]), torch.zeros(4, 1),
    ...           torch.zeros(4, 1), None, torch.tensor([0.0, 0.0, 1.0, 0.0]))
    (tensor([0.4406]), tensor([1.3808]))
    """
    raise NotImplementedError("lstm_step: compute the gates i, f, g, o, then c' and h', and return (h', c')")


def gru_sequence(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                 bias_ih: torch.Tensor | None = None,
                 bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Run a GRU over a whole sequence, as a one-layer ``torch.nn.GRU`` (``batch_first=False``) does.

    Shapes follow ``nn.GRU`` (sequence first, and a leading 1 on the states for its one layer and one
    direction):

        x        (T, B, I)   x[t] holds time step t of every sequence of the batch
        h0       (1, B, H)   the initial state
        output   (T, B, H)   output[t] is the hidden state after step t (h0 itself is not in it)
        h_n      (1, B, H)   the last hidden state: h_n[0] equals output[-1]

    The weights and biases are those of ``gru_step`` (gates r, z, n stacked by rows): ``weight_ih`` is
    ``(3H, I)``, ``weight_hh`` is ``(3H, H)``, ``bias_ih`` and ``bias_hh`` are ``(3H,)`` or ``None``.

        h = h0[0]                                  (B, H)
        for t = 0 .. T-1:  h = gru_step(x[t], h, ...);  output[t] = h
        h_n = h with its leading 1 put back        (1, B, H)

    - Each step needs the state the previous one produced, so a Python loop over the T time steps is the
      right solution; vectorise inside a step, not across steps. (The input projections W_i* x[t] do not
      depend on h: computing them for all steps at once is an optional speed-up.)
    - You may call your ``gru_step`` from above. PyTorch's GRU operators (``nn.GRU``, ``nn.GRUCell``) are
      not allowed here.
    - T >= 1; every case gives ``h0``.

    Example with T = 2, B = I = H = 1, all weights zero, no ``bias_ih``, ``bias_hh = [0, 0, 2]`` and
    h0 = [[[2.]]]: each step is h' = 0.5 * tanh(1) + 0.5 * h (``gru_step``'s example), so step 0 gives
    1.3808 and step 1 gives 0.5 * 0.7616 + 0.5 * 1.3808 = 1.0712.

    >>> output, h_n = gru_sequence(torch.tensor([[[3.0]], [[-1.0]]]), torch.tensor([[[2.0]]]),
    ...                            torch.zeros(3, 1), torch.zeros(3, 1), None, torch.tensor([0.0, 0.0, 2.0]))
    >>> output
    tensor([[[1.3808]],
    <BLANKLINE>
            [[1.0712]]])
    >>> h_n
    tensor([[[1.0712]]])
    """
    raise NotImplementedError("gru_sequence: loop over the time steps, keep every hidden state, return both")
