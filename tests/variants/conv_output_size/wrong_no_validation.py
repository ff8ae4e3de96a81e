"""The formula alone, with truncation and no checks: returns a number for impossible configurations."""


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return int((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
