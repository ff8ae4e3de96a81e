"""Classic mistakes of ``autograder.specs.augment``, written by hand: a near-answer is an answer (see
``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import torch


def _crop(images: torch.Tensor, top: int, left: int, height: int, width: int) -> torch.Tensor:
    """torchvision's crop, zeros beyond the border (imported here: only these mistakes need it)."""
    import torchvision.transforms.v2.functional as tvf

    return tvf.crop(images, top, left, height, width)


def crop_and_flip_fliplr(images: torch.Tensor, top: int, left: int, height: int, width: int,
                         flip: bool) -> torch.Tensor:
    """Mirrors with torch.fliplr, which reverses dim 1: the channels of a batch, the rows of one image."""
    window = _crop(images, top, left, height, width)
    return torch.fliplr(window) if flip else window


def crop_and_flip_plain_slice(images: torch.Tensor, top: int, left: int, height: int, width: int,
                              flip: bool) -> torch.Tensor:
    """Slices the window out with Python's slice rules: a negative start counts from the far side, and a
    window beyond the border comes out smaller, without its zeros."""
    window = images[..., top:top + height, left:left + width]
    return window.flip(-1) if flip else window


def crop_and_flip_flips_before_cropping(images: torch.Tensor, top: int, left: int, height: int, width: int,
                                        flip: bool) -> torch.Tensor:
    """Mirrors the whole image, then cuts the window at the same place: another part of the image."""
    return _crop(images.flip(-1) if flip else images, top, left, height, width)
