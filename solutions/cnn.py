"""Convolutional networks (solutions)."""


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    """Length of one spatial dimension after a PyTorch convolution."""
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("input_size, kernel_size, stride and dilation must all be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError(f"the dilated kernel ({span}) is larger than the padded input ({input_size + 2 * padding})")
    return (input_size + 2 * padding - span) // stride + 1
