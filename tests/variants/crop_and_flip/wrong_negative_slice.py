"""Slices the window straight out of the image: right inside it, but a negative top or left counts from the
far side in a Python slice, and a window beyond the border comes out smaller, without its zeros."""
import torch


def crop_and_flip(images, top, left, height, width, flip):
    window = images[..., top:top + height, left:left + width]
    return torch.flip(window, dims=(-1,)) if flip else window
