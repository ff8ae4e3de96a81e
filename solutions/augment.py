"""Data augmentation (solutions)."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def crop_and_flip(images: torch.Tensor, top: int, left: int, height: int, width: int,
                  flip: bool) -> torch.Tensor:
    """Pad with just enough zeros on each side for the window to fit, slice it out, then reverse its columns
    where ``flip`` is true."""
    rows, cols = images.shape[-2:]
    above, before = max(0, -top), max(0, -left)
    below, after = max(0, top + height - rows), max(0, left + width - cols)
    if above or below or before or after:
        images = F.pad(images, (before, after, above, below))
    window = images[..., top + above:top + above + height, left + before:left + before + width]
    if flip:
        window = torch.flip(window, dims=(-1,))
    return window
