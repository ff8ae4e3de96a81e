"""grace's cnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# conv_output_size/correct_loop: Counts the kernel positions one by one: slow to read, but right.
def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("invalid convolution")
    padded = input_size + 2 * padding
    span = dilation * (kernel_size - 1) + 1
    count, start = 0, 0
    while start + span <= padded:
        count += 1
        start += stride
    if count == 0:
        raise ValueError("kernel does not fit")
    return count
