"""Mirrors the whole image first, then cuts the window at (top, left): a window of the mirrored image at the
same place, which is another window unless it sits in the middle."""
import torch


def crop_and_flip(images, top, left, height, width, flip):
    if flip:
        images = torch.flip(images, dims=(-1,))
    H, W = images.shape[-2:]
    out = images.new_zeros(*images.shape[:-2], height, width)
    r0, r1, c0, c1 = max(top, 0), min(top + height, H), max(left, 0), min(left + width, W)
    out[..., r0 - top:r1 - top, c0 - left:c1 - left] = images[..., r0:r1, c0:c1]
    return out
