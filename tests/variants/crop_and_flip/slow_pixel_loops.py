"""Correct, but a Python loop over every pixel of the window, reading one value of every image and channel at
a time."""
import torch


def crop_and_flip(images, top, left, height, width, flip):
    H, W = images.shape[-2:]
    out = torch.zeros(*images.shape[:-2], height, width, dtype=images.dtype, device=images.device)
    for i in range(height):
        for j in range(width):
            row, col = top + i, left + j
            if 0 <= row < H and 0 <= col < W:
                target = width - 1 - j if flip else j
                out[..., i, target] = images[..., row, col]
    return out
