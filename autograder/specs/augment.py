"""Data augmentation: cropping a window out of a batch of images (zeros beyond the border) and mirroring it.

The reference is torchvision's own ``transforms.v2.functional.crop`` then ``horizontal_flip``. The crop
pads with zeros where the window leaves the image; torchvision computes that padding wrongly for a window
that ends above the image's first row or left of its first column (``bottom < 0``: the slice's negative end
counts from the far side), so the cases keep every window overlapping the image, as the statement promises.
"""

from __future__ import annotations

import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake, Timing, randn

ORDER = 13


def crop_and_flip_reference(images: torch.Tensor, top: int, left: int, height: int, width: int,
                            flip: bool) -> torch.Tensor:
    # imported here: torchvision takes seconds to import, and only this exercise needs it
    from torchvision.transforms.v2 import functional as TF

    window = TF.crop(images, top, left, height, width)
    return TF.horizontal_flip(window) if flip else window


def _crop_inputs(params, gen):
    """``N`` absent means one image ``(C, H, W)``; ``uint8`` pixels are drawn from 1 to 255, so a zero in the
    output can only come from beyond the border."""
    shape = ((params["N"],) if "N" in params else ()) + (params["C"], params["H"], params["W"])
    if params["dtype"] == "uint8":
        images = torch.randint(1, 256, shape, generator=gen, dtype=torch.uint8)
    else:
        images = randn(shape, gen, params["dtype"])
    return dict(images=images, top=params["top"], left=params["left"], height=params["height"],
                width=params["width"], flip=params["flip"])


def _crop(C: int, H: int, W: int, top: int, left: int, height: int, width: int, flip: bool = False,
          N: int | None = 2, dtype: str = "uint8") -> dict:
    params = dict(C=C, H=H, W=W, top=top, left=left, height=height, width=width, flip=flip, dtype=dtype)
    if N is not None:
        params["N"] = N
    return params


def _random_crop(rng: random.Random) -> dict:
    H, W = rng.randint(1, 12), rng.randint(1, 12)
    if rng.random() < 0.5:  # inside the image, as RandomCrop without padding draws it
        height, width = rng.randint(1, H), rng.randint(1, W)
        top, left = rng.randint(0, H - height), rng.randint(0, W - width)
    else:  # anywhere that still overlaps the image, beyond any border
        height, width = rng.randint(1, H + 6), rng.randint(1, W + 6)
        top, left = rng.randint(1 - height, H - 1), rng.randint(1 - width, W - 1)
    return _crop(C=rng.randint(1, 4), H=H, W=W, top=top, left=left, height=height, width=width,
                 flip=rng.random() < 0.5, N=rng.randint(1, 4) if rng.random() < 0.75 else None,
                 dtype=rng.choice(["uint8", "uint8", "float32", "float64"]))


EXERCISES = [
    Exercise(
        id="crop_and_flip",
        module="augment",
        summary="crop a window out of each image (zeros beyond the border), then mirror it left to right",
        reference_note="torchvision's `transforms.v2.functional.crop` then `horizontal_flip`",
        points=6,
        reference=crop_and_flip_reference,
        slow_imports=("torchvision.transforms.v2.functional",),
        mistakes=(
            Mistake("fliplr_reverses_dim_1", answer_key("augment", "crop_and_flip_fliplr")),
            Mistake("negative_start_wraps", answer_key("augment", "crop_and_flip_plain_slice")),
            Mistake("flipped_before_cropping", answer_key("augment", "crop_and_flip_flips_before_cropping")),
        ),
        make_inputs=_crop_inputs,
        # H differs from W, top from left and height from width unless the name says otherwise, so a window
        # read along the wrong axis, or a flip of the rows, shows
        edge_cases=(
            Case("inside", _crop(C=3, H=8, W=10, top=1, left=3, height=5, width=6)),
            Case("inside_flipped", _crop(C=3, H=8, W=10, top=1, left=3, height=5, width=6, flip=True)),
            Case("whole_image", _crop(C=2, H=6, W=7, top=0, left=0, height=6, width=7)),
            Case("whole_image_flipped", _crop(C=2, H=6, W=7, top=0, left=0, height=6, width=7, flip=True)),
            Case("one_pixel", _crop(C=3, H=5, W=6, top=3, left=2, height=1, width=1, flip=True)),
            Case("one_row_flipped", _crop(C=1, H=5, W=8, top=4, left=1, height=1, width=6, flip=True)),
            Case("one_column_flipped", _crop(C=2, H=7, W=5, top=1, left=4, height=5, width=1, flip=True)),
            Case("bottom_right_corner", _crop(C=2, H=7, W=9, top=3, left=5, height=4, width=4, flip=True)),
            Case("beyond_right", _crop(C=2, H=6, W=8, top=1, left=5, height=4, width=6)),
            Case("beyond_right_flipped", _crop(C=2, H=6, W=8, top=1, left=5, height=4, width=6, flip=True)),
            Case("beyond_bottom", _crop(C=2, H=6, W=8, top=4, left=1, height=5, width=3)),
            Case("negative_top", _crop(C=2, H=7, W=6, top=-2, left=1, height=5, width=4)),
            Case("negative_left_flipped", _crop(C=2, H=7, W=6, top=1, left=-3, height=4, width=5, flip=True)),
            Case("negative_top_and_left", _crop(C=3, H=6, W=7, top=-1, left=-2, height=3, width=4)),
            Case("larger_than_image", _crop(C=2, H=5, W=6, top=-2, left=-3, height=9, width=11)),
            Case("larger_than_image_flipped", _crop(C=2, H=5, W=6, top=-2, left=-1, height=9, width=10,
                                                    flip=True)),
            # the window touches the image by its last row and column only
            Case("overlap_of_one_pixel", _crop(C=1, H=4, W=5, top=-3, left=4, height=4, width=3, flip=True)),
            Case("unbatched", _crop(C=3, H=8, W=10, top=2, left=1, height=4, width=7, N=None)),
            Case("unbatched_beyond_flipped", _crop(C=3, H=6, W=5, top=-1, left=2, height=8, width=6, flip=True,
                                                   N=None)),
            Case("batch_of_one", _crop(C=3, H=9, W=7, top=2, left=1, height=6, width=5, flip=True, N=1)),
            Case("square", _crop(C=2, H=6, W=6, top=1, left=1, height=4, width=4, flip=True)),
            Case("float32", _crop(C=3, H=8, W=7, top=-1, left=2, height=6, width=7, flip=True, dtype="float32")),
            Case("float64", _crop(C=2, H=7, W=9, top=2, left=-2, height=7, width=5, dtype="float64")),
        ),
        random_case=_random_crop,
        n_random=6,
        shrink={"N": 1, "C": 1},
        # RandomCrop(96, padding=8) on a batch of 32 RGB images, flipped: the reference pads the two sides it
        # needs and reverses the columns, both copies; a window built with zeros, a slice and an index costs a
        # few times that, a Python loop over the pixels hundreds of times
        timing=Timing(_crop(C=3, H=96, W=96, top=-6, left=5, height=96, width=96, flip=True, N=32), budget=10.0),
        # torchvision's functions (v2 and v1, tensor kernels included: they are what the dispatchers call), and
        # resized_crop (a crop resized to its own size is the crop). torch.flip stays allowed: it reverses any
        # axis, choosing the right one is the exercise (reversing by an index instead costs 5-10x the reference)
        forbidden=(
            "torchvision.transforms.v2.functional.crop", "torchvision.transforms.v2.functional.crop_image",
            "torchvision.transforms.v2.functional.horizontal_flip",
            "torchvision.transforms.v2.functional.horizontal_flip_image",
            "torchvision.transforms.v2.functional.resized_crop",
            "torchvision.transforms.v2.functional.resized_crop_image",
            "torchvision.transforms.functional.crop", "torchvision.transforms.functional.hflip",
            "torchvision.transforms.functional.resized_crop",
            "torchvision.transforms._functional_tensor.crop", "torchvision.transforms._functional_tensor.hflip",
        ),
    ),
]
