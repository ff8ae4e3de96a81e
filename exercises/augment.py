"""Data augmentation: new training images from the ones you have, by cropping and mirroring them.

Fill in the function below, then run ``autograder check`` to see how it does.
"""

from __future__ import annotations

import torch


def crop_and_flip(images: torch.Tensor, top: int, left: int, height: int, width: int,
                  flip: bool) -> torch.Tensor:
    r"""Cut a ``height x width`` window out of every image, then mirror it left to right where ``flip`` is true:
    torchvision's ``transforms.v2.functional.crop(images, top, left, height, width)``, followed by
    ``transforms.v2.functional.horizontal_flip`` when ``flip`` is true (what ``RandomCrop`` and
    ``RandomHorizontalFlip`` do with the position and the coin they draw).

    ``images`` is a batch ``(N, C, H, W)`` or one image ``(C, H, W)``, of any dtype (``uint8`` pixels or
    floats); every image and channel gets the same window. The result has the input's dtype and leading
    axes: ``(N, C, height, width)`` or ``(C, height, width)``.

    The window's top-left pixel is row ``top``, column ``left`` of the image (rows count down, columns to the
    right, from 0). Before any flip:

        out[..., i, j] = images[..., top + i, left + j]     where 0 <= top + i < H and 0 <= left + j < W
        out[..., i, j] = 0                                   elsewhere

    So the window may reach beyond the image on any side (``top`` or ``left`` negative, ``top + height > H``,
    ``left + width > W``, or a window larger than the image): what lies outside reads as zero, as if the image
    had been padded with zeros first (``RandomCrop(padding=4)`` relies on it). Careful: a negative index in a
    Python slice counts from the end, it does not pad. ``height`` and ``width`` are at least 1, and the window
    always shares at least one row and one column with the image.

    ``flip`` (a Python bool) then reverses the order of the columns of the window, the last axis:
    ``out[..., i, j]`` becomes ``out[..., i, width - 1 - j]``. Rows (a vertical flip) stay as they are, and
    the flip mirrors the *window*, not the image before cropping.

    Example: one 1-channel image ``[[1, 2, 3], [4, 5, 6]]`` (shape ``(1, 2, 3)``); ``top=0, left=1``,
    ``height=2, width=3``: the window's last column lies beyond the image, so the crop is
    ``[[2, 3, 0], [5, 6, 0]]``, flipped ``[[0, 3, 2], [0, 6, 5]]``.

    >>> image = torch.tensor([[[1, 2, 3], [4, 5, 6]]])
    >>> crop_and_flip(image, 0, 1, 2, 3, flip=True)
    tensor([[[0, 3, 2],
             [0, 6, 5]]])

    Slicing, ``torch.zeros`` (or ``torch.nn.functional.pad``) and ``torch.flip(x, dims=...)``, which reverses
    the axes it is given, are enough. torchvision's crop and flip functions are not allowed.
    """
    raise NotImplementedError("crop_and_flip: cut the window (zeros outside the image), then mirror its columns")
