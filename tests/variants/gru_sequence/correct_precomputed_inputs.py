"""Projects every time step's input at once, then loops over time writing into a preallocated output."""
import torch


def gru_sequence(x, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    T, B, _ = x.shape
    H = weight_hh.shape[1]
    gx = torch.einsum("tbi,gi->tbg", x, weight_ih)  # (T, B, 3H): independent of the state
    if bias_ih is not None:
        gx = gx + bias_ih
    output = torch.empty(T, B, H, dtype=x.dtype, device=x.device)
    h = h0[0]
    for t in range(T):
        gh = h @ weight_hh.T
        if bias_hh is not None:
            gh = gh + bias_hh
        r = torch.sigmoid(gx[t, :, :H] + gh[:, :H])
        z = torch.sigmoid(gx[t, :, H:2 * H] + gh[:, H:2 * H])
        n = torch.tanh(gx[t, :, 2 * H:] + r * gh[:, 2 * H:])
        h = torch.lerp(n, h, z)
        output[t] = h
    return output, output[-1:].clone()
