"""Calls torchvision's own crop and flip, the reference itself."""
from torchvision.transforms.v2 import functional as TF


def crop_and_flip(images, top, left, height, width, flip):
    window = TF.crop(images, top, left, height, width)
    return TF.horizontal_flip(window) if flip else window
