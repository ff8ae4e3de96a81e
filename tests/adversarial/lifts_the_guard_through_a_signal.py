"""Reaches the worker's frames without a single audited call: a signal handler is handed the frame the
signal interrupted (``signal`` read from ``sys.modules``, by a name built at run time; neither
``signal.signal`` nor ``signal.setitimer`` raises an audit event). From there, as
lifts_the_guard_through_frames does: the object that holds the guard, lifted; then PyTorch's own
``xavier_uniform_``, which the exercise forbids. Not defended (SECURITY.md, "Not defended"): why refusing
frame access in the audit hook cannot close this."""
import sys
import time

import torch


def _lift():
    signals = vars(sys)["mod" + "ules"]["sig" + "nal"]
    caught = []
    previous = signals.signal(signals.SIGALRM, lambda number, frame: caught.append(frame))
    signals.setitimer(signals.ITIMER_REAL, 0.005)
    start = time.monotonic()
    while not caught and time.monotonic() - start < 2.0:
        pass
    signals.signal(signals.SIGALRM, previous)
    frame = caught[0] if caught else None
    while frame is not None:
        owner = getattr(frame, "f_lo" + "cals").get("self")
        if owner is not None and hasattr(owner, "guard"):
            owner.guard.lift()
            return
        frame = getattr(frame, "f_ba" + "ck")


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    _lift()
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain, generator=generator)
