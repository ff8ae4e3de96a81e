"""Bootstraps from the next state even after a terminal step."""
import torch


def q_learning_update(q, state, action, reward, next_state, done, alpha, gamma):
    q = q.clone()
    for i in range(len(state)):
        s, a, s2 = int(state[i]), int(action[i]), int(next_state[i])
        target = reward[i] + gamma * q[s2].max()
        q[s, a] += alpha * (target - q[s, a])
    return q
