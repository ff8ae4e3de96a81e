"""Reaches the worker's frames through ctypes, which the kit itself has imported (``sys.modules`` read as
``vars(sys)["mod" + "ules"]``): ``ctypes.pythonapi.PyEval_GetFrame`` gives the current frame and no audit
event says so. From there, as lifts_the_guard_through_frames does: the object that holds the guard, lifted;
then PyTorch's own ``xavier_uniform_``, which the exercise forbids. Not defended (SECURITY.md, "Not
defended"): refusing frame access in the audit hook would not stop this route, and the kit's own modules import ctypes."""
import sys

import torch


def _lift():
    loaded = vars(sys)["mod" + "ules"]
    ct = loaded.get("ct" + "ypes")
    if ct is None:
        return "no ctypes"
    get = ct.pythonapi.PyEval_GetFrame
    get.restype = ct.py_object
    frame = get()
    while frame is not None:
        owner = getattr(frame, "f_lo" + "cals").get("self")
        if owner is not None and hasattr(owner, "guard"):
            owner.guard.lift()
            return "lifted"
        frame = getattr(frame, "f_ba" + "ck")
    return "not found"


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    _lift()
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain, generator=generator)
