"""Lifts the guard through the interpreter's frames, without a word the screen refuses: from its own frame
(``sys._getframe``, named at run time) it walks ``f_back`` up to the worker's, finds the object that holds
the guard among its locals and lifts it; then calls PyTorch's own ``xavier_uniform_``, which the exercise
forbids. Not defended (SECURITY.md, "Not defended"): Python audits neither ``f_back`` nor ``f_locals``, and
the worker lifts and holds its guard between exercises, so the guard can be lifted. The fix is a fresh
worker per set of forbidden names, whose guard, held before any student code, keeps nothing to lift."""
import sys

import torch


def _lift():
    frame = getattr(sys, "_get" + "frame")(0)
    while frame is not None:
        owner = getattr(frame, "f_lo" + "cals").get("self")
        if owner is not None and hasattr(owner, "guard"):
            owner.guard.lift()
            return
        frame = getattr(frame, "f_ba" + "ck")


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    _lift()
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain, generator=generator)
