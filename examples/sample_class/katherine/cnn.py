"""katherine's cnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# conv_output_size/wrong_no_validation: The formula alone, with truncation and no checks: returns a number for impossible configurations.
def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return int((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
