"""A transposed convolution is the gradient of a convolution with respect to its input: asks
torch.nn.grad.conv2d_input for it (PyTorch's convolution_backward)."""
import torch


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    squeeze = x.dim() == 3
    xb = x.unsqueeze(0) if squeeze else x
    n, _, h, w = xb.shape
    _, c_out, kh, kw = weight.shape
    size = (n, c_out, (h - 1) * sh - 2 * ph + kh, (w - 1) * sw - 2 * pw + kw)
    out = torch.nn.grad.conv2d_input(size, weight, xb, stride=(sh, sw), padding=(ph, pw))
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out[0] if squeeze else out
