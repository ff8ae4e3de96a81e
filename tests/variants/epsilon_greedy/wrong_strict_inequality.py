"""Exploits only where u > epsilon: u equal to epsilon explores."""
import torch


def epsilon_greedy(q_values, epsilon, u, random_action):
    return torch.where(u > epsilon, q_values.argmax(dim=-1), random_action)
