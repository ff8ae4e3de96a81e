"""Uses ReLU (nn.RNNCell's other nonlinearity) instead of tanh."""
import torch
import torch.nn.functional as F


def rnn_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.relu(F.linear(x, weight_ih, bias_ih) + F.linear(h, weight_hh, bias_hh))
