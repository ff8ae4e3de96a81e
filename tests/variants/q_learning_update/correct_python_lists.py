"""Right: the table as nested Python lists (float64 arithmetic), the transitions in order, back to a tensor."""
import torch


def q_learning_update(q, state, action, reward, next_state, done, alpha, gamma):
    table = q.tolist()
    for s, a, r, s2, end in zip(state.tolist(), action.tolist(), reward.tolist(), next_state.tolist(),
                                done.tolist()):
        future = 0.0 if end else max(table[s2])
        table[s][a] = table[s][a] + alpha * (r + gamma * future - table[s][a])
    return torch.tensor(table, dtype=q.dtype).reshape(q.shape)
