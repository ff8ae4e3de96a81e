"""The full output is where the last kernel copy ends; then crop the padding and add the output padding."""


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    if min(input_size, kernel_size, stride, dilation) < 1 or min(padding, output_padding) < 0:
        raise ValueError("invalid transposed convolution")
    if not (output_padding < stride or output_padding < dilation):
        raise ValueError("output_padding must be smaller than stride or dilation")
    span = dilation * (kernel_size - 1) + 1
    last_copy_start = (input_size - 1) * stride
    size = last_copy_start + span - 2 * padding + output_padding
    if size <= 0:
        raise ValueError("output is empty")
    return size
