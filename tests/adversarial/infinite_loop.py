"""Never returns."""


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    while True:
        pass
