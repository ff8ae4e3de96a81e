"""Convolutional networks.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    r"""Length of one spatial dimension after a PyTorch convolution (``nn.Conv1d``/``Conv2d``/``Conv3d``).

    PyTorch pads the input with ``padding`` zeros on *both* sides, spreads the kernel's ``kernel_size``
    taps ``dilation`` apart (so it covers ``dilation * (kernel_size - 1) + 1`` positions), and slides it
    by ``stride``, keeping only the positions where the whole kernel fits:

        out = floor((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1

    Raise ``ValueError`` for every configuration PyTorch rejects:
    ``input_size``, ``kernel_size``, ``stride`` or ``dilation`` below 1, ``padding`` below 0, or a
    dilated kernel longer than the padded input.

    Example: a 7-wide input, kernel 2, stride 3, padding 1, dilation 2:
    floor((7 + 2 - 2 - 1) / 3) + 1 = floor(6 / 3) + 1 = 3.

    >>> conv_output_size(32, 3)
    30
    >>> conv_output_size(28, 5, padding=2)
    28
    """
    raise NotImplementedError("conv_output_size: compute the formula in the docstring")
