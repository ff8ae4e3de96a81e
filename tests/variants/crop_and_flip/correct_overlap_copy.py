"""Allocates the window as zeros, copies in the part that overlaps the image (its bounds worked out on both
sides), then reverses the columns with torch.flip."""
import torch


def crop_and_flip(images, top, left, height, width, flip):
    H, W = images.shape[-2], images.shape[-1]
    out = torch.zeros(*images.shape[:-2], height, width, dtype=images.dtype, device=images.device)
    # rows [r0, r1) and columns [c0, c1) of the image that fall inside the window
    r0, r1 = max(top, 0), min(top + height, H)
    c0, c1 = max(left, 0), min(left + width, W)
    if r0 < r1 and c0 < c1:
        out[..., r0 - top:r1 - top, c0 - left:c1 - left] = images[..., r0:r1, c0:c1]
    if flip:
        out = torch.flip(out, dims=[out.dim() - 1])
    return out
