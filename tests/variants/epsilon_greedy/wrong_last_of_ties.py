"""Breaks ties towards the highest index (argmax of the reversed row)."""
import torch


def epsilon_greedy(q_values, epsilon, u, random_action):
    last = q_values.shape[-1] - 1 - q_values.flip(-1).argmax(dim=-1)
    return torch.where(u >= epsilon, last, random_action)
