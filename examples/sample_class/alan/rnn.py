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
