"""Projects and splits the heads by hand, but lets torch's scaled_dot_product_attention do the attending."""
import torch
import torch.nn.functional as F


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2:]
    d = E // num_heads
    q, k, v = (t.unflatten(-1, (num_heads, d)).transpose(-3, -2)
               for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    allowed = torch.ones(L, L, dtype=torch.bool, device=x.device)
    if is_causal:
        allowed = allowed.tril()
    if key_padding_mask is not None:
        allowed = allowed & ~key_padding_mask[..., None, None, :]
    heads = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
    return F.linear(heads.transpose(-3, -2).flatten(-2), out_proj_weight, out_proj_bias)
