"""numpy's maximum on the CPU in float32 (numpy has no bfloat16), then back to x's device and dtype; on a 0-d
array numpy returns a scalar, which np.asarray turns back into an array."""
import numpy as np
import torch


def relu(x):
    values = x.detach().cpu().to(torch.promote_types(x.dtype, torch.float32)).numpy()
    return torch.from_numpy(np.asarray(np.maximum(values, 0))).to(device=x.device, dtype=x.dtype)
