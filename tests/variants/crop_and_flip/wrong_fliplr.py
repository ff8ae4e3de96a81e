"""Mirrors with torch.fliplr, whose name says left-right but which reverses dim 1: the channels of a batch
(N, C, H, W), the rows of one image (C, H, W); never the columns here."""
import torch
import torch.nn.functional as F


def crop_and_flip(images, top, left, height, width, flip):
    H, W = images.shape[-2:]
    pads = (max(0, -left), max(0, left + width - W), max(0, -top), max(0, top + height - H))
    padded = F.pad(images, pads)
    top, left = top + pads[2], left + pads[0]
    window = padded[..., top:top + height, left:left + width]
    return torch.fliplr(window) if flip else window
