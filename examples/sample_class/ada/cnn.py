"""ada's cnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# conv_output_size/correct_math_floor: The formula with math.floor and explicit checks, written differently from the key.
import math


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    for name, value in (("input_size", input_size), ("kernel_size", kernel_size), ("stride", stride),
                        ("dilation", dilation)):
        if value < 1:
            raise ValueError(f"{name} must be positive")
    if padding < 0:
        raise ValueError("padding must be non-negative")
    numerator = input_size + 2 * padding - dilation * (kernel_size - 1) - 1
    if numerator < 0:
        raise ValueError("kernel larger than padded input")
    return int(math.floor(numerator / stride)) + 1
