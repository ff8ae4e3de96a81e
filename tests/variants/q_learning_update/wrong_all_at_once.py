"""Vectorised: every target is computed from the original table and written at once, so repeated pairs and
chains of transitions do not see each other's updates."""
import torch


def q_learning_update(q, state, action, reward, next_state, done, alpha, gamma):
    q = q.clone()
    best_next = q[next_state].amax(dim=1) if len(state) else reward
    target = reward + gamma * best_next * (~done).to(q.dtype)
    q[state, action] = q[state, action] + alpha * (target - q[state, action])
    return q
