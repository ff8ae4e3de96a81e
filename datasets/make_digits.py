"""Render scikit-learn's bundled handwritten digits as an ImageFolder tree: ``datasets/digits/``.

scikit-learn ships the 1797 8x8 images of the UCI optical digits (``sklearn.datasets.load_digits`` reads
them from its own package, no download). Each image becomes a 32x32 8-bit grayscale PNG (the input size of
LeNet-5), upscaled bilinearly from the 0-16 intensities, in ``<split>/<digit>/<index>.png`` where
``index`` is the image's position in ``load_digits()``. Every fifth image of each digit (in that order)
goes to ``test``, the rest to ``train``: 1442 training and 355 test images.

Run from anywhere: ``python datasets/make_digits.py``. The output depends only on scikit-learn's data
and Pillow's resampling, so running it again rewrites the same files.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits

SIZE = 32
TEST_EVERY = 5
OUT = Path(__file__).resolve().parent / "digits"


def render(pixels: np.ndarray) -> Image.Image:
    """One 8x8 image of 0-16 intensities as a SIZE x SIZE 8-bit grayscale image."""
    small = Image.fromarray(np.round(pixels.reshape(8, 8) * (255 / 16)).astype(np.uint8), mode="L")
    return small.resize((SIZE, SIZE), Image.Resampling.BILINEAR)


def main(out: Path = OUT) -> None:
    digits = load_digits()
    if out.exists():
        shutil.rmtree(out)
    seen: dict[int, int] = {}
    for index, (pixels, label) in enumerate(zip(digits.data, digits.target, strict=True)):
        label = int(label)
        rank = seen.get(label, 0)
        seen[label] = rank + 1
        split = "test" if rank % TEST_EVERY == TEST_EVERY - 1 else "train"
        folder = out / split / str(label)
        folder.mkdir(parents=True, exist_ok=True)
        # optimize=False and no metadata: the same pixels always give the same bytes
        render(pixels).save(folder / f"{index:04d}.png", format="PNG", optimize=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
