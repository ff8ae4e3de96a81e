"""Windows as a strided view (Tensor.unfold twice, every dilation-th tap kept), one einsum over the channels
of each group; an unbatched image is lifted to a batch of one."""
import torch
import torch.nn.functional as F


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    stride = (stride, stride) if isinstance(stride, int) else stride
    padding = (padding, padding) if isinstance(padding, int) else padding
    dilation = (dilation, dilation) if isinstance(dilation, int) else dilation
    unbatched = x.ndim == 3
    if unbatched:
        x = x.unsqueeze(0)
    c_out, c_group, kh, kw = weight.shape
    span_h = dilation[0] * (kh - 1) + 1
    span_w = dilation[1] * (kw - 1) + 1
    padded = F.pad(x, (padding[1], padding[1], padding[0], padding[0]))
    # (N, C, H_out, W_out, span_h, span_w), then keep the taps
    windows = padded.unfold(2, span_h, stride[0]).unfold(3, span_w, stride[1])
    windows = windows[..., ::dilation[0], ::dilation[1]]
    n, _, ho, wo = windows.shape[:4]
    windows = windows.reshape(n, groups, c_group, ho, wo, kh, kw)
    filters = weight.reshape(groups, c_out // groups, c_group, kh, kw)
    out = torch.einsum("ngcijab,gocab->ngoij", windows, filters).reshape(n, c_out, ho, wo)
    if bias is not None:
        out = out + bias.view(-1, 1, 1)
    return out.squeeze(0) if unbatched else out
