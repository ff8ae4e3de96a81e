"""Draws Xavier's uniform weights with ``torch.nn.init.uniform_`` on another thread.

Not a cheat, and graded ``passed``: the exercise forbids ``torch.nn.init.xavier_uniform_`` (PyTorch's
answer), not ``uniform_``, which is the building block the statement asks for (U(-a, a) drawn from the
given generator, as ``Tensor.uniform_`` draws it). What the thread does is what the student's function
does: the guard is the same on every thread (``xavier_uniform_``'s code is replaced in the function object
itself), so ``xavier_uniform_`` called there would be refused as on the main thread. This attack keeps
that boundary honest: an allowed operator stays allowed wherever it runs."""
import math
import threading

import torch


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    weights = torch.empty(fan_out, fan_in)
    worker = threading.Thread(target=torch.nn.init.uniform_, args=(weights, -bound, bound),
                              kwargs={"generator": generator})
    worker.start()
    worker.join()
    return weights
