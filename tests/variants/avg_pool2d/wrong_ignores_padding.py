"""Never pads: the padding argument is accepted and dropped."""


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    return x.unfold(-2, kh, sh).unfold(-2, kw, sw).mean(dim=(-2, -1))
