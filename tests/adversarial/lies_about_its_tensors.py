"""Returns a wrong answer (the previous state, in float64) after making every tensor method its reply goes
through lie: size, element count and size, data pointer, contiguity, dtype (a property put on torch.Tensor);
and replaces safetensors' serializer, in both of its modules, by one that forges a reply. The worker reads
its replies through the methods it took before any submission ran: the answer is judged as it is, wrong."""
import safetensors
import torch


def _forged(specs, metadata=None):
    return b"\x08\x00\x00\x00\x00\x00\x00\x00{\"0\":1}"


def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    torch.Tensor.size = lambda self, *args: torch.Size([1])
    torch.Tensor.numel = lambda self: 1 << 30
    torch.Tensor.element_size = lambda self: 8
    torch.Tensor.data_ptr = lambda self: 16
    torch.Tensor.is_contiguous = lambda self, *args, **kwargs: True
    torch.Tensor.dtype = property(lambda self: torch.float32)
    safetensors.serialize = _forged
    safetensors._safetensors_rust.serialize = _forged
    return h.double().clone()
