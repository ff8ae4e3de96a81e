"""At import, replaces PyTorch's dispatcher registration (``torch._C._dispatch_library``) by one that registers
nothing, so that the guard of the next exercise graded in the same worker refuses nothing; then calls the
fused cells both exercises forbid. Graded on two exercises at once (tests/core/test_grading.py), since the
batch of tests/sandbox/test_adversarial.py grades one exercise per submission. It scored 10/10 on
lstm_step before the guard took the dispatcher's functions when the kit is imported."""
import torch
from torch import _C as _c

class _Nothing:
    def impl(self, *args, **kwargs):
        pass
    def reset(self):
        pass

setattr(_c, "_dispatch_" + "library", lambda *args, **kwargs: _Nothing())


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if x.dim() == 1:
        return torch.gru_cell(x[None], h[None], weight_ih, weight_hh, bias_ih, bias_hh)[0]
    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def lstm_step(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    if x.dim() == 1:
        h1, c1 = torch.lstm_cell(x[None], (h[None], c[None]), weight_ih, weight_hh, bias_ih, bias_hh)
        return h1[0], c1[0]
    return torch.lstm_cell(x, (h, c), weight_ih, weight_hh, bias_ih, bias_hh)
