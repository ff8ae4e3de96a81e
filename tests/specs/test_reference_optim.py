"""The optimiser references and cases.

- sgd_step, adam_step: the references (one ``.step()`` of a real optimiser whose state is seeded with the
  case's buffers) give, step after step, what an untouched optimiser gives over the same gradients, to the
  last bit: the seeded state is the optimiser's own. They match the update written out in float64, element by
  element, leave their inputs alone, and raise where the stubs say.
- early_stopping: the hand-written key against a second implementation, a training loop that asks an
  early-stopping callback after every epoch whether to go on, on the spec's cases and on many random
  histories; and the cases keep what makes the usual mistakes show (ties, gains of exactly min_delta...).
"""

from __future__ import annotations

import math
import random

import pytest
import torch

from autograder.keys.optim import early_stopping_reference
from autograder.specs import get
from autograder.specs.optim import adam_step_reference, sgd_step_reference

SGD, ADAM, EARLY = get("sgd_step"), get("adam_step"), get("early_stopping")
SEEDS = (0, 1, 2)


def _cases(ex, seeds=SEEDS):
    for seed in seeds:
        for case in ex.cases(seed):
            yield case, ex.inputs(case.params, seed)


# the edge cases whose reference raises ValueError
RAISING = {"nesterov_without_momentum", "nesterov_with_dampening", "negative_lr", "beta_of_one", "negative_eps",
           "zero_patience", "no_losses", "negative_min_delta"}


def _raises(ex, name: str) -> bool:
    return name in RAISING


# --- sgd_step -------------------------------------------------------------------------------------------------

def _sgd_by_hand(params, grads, momentum_buffers, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
                 nesterov=False):
    """The update of the stub's docstring, element by element in float64."""
    new_params, new_buffers = [], []
    for p, g, b in zip(params, grads, momentum_buffers, strict=True):
        flat_p, flat_g = p.double().reshape(-1).tolist(), g.double().reshape(-1).tolist()
        flat_b = None if b is None else b.double().reshape(-1).tolist()
        out_p, out_b = [], []
        for i, (pi, gi) in enumerate(zip(flat_p, flat_g, strict=True)):
            d = gi + weight_decay * pi
            if momentum != 0:
                bi = d if flat_b is None else momentum * flat_b[i] + (1 - dampening) * d
                out_b.append(bi)
                d = d + momentum * bi if nesterov else bi
            out_p.append(pi - lr * d)
        new_params.append(torch.tensor(out_p, dtype=torch.float64).reshape(p.shape))
        new_buffers.append(torch.tensor(out_b, dtype=torch.float64).reshape(p.shape) if momentum != 0 else None)
    return new_params, new_buffers


def test_sgd_matches_the_update_by_hand():
    for case, inputs in _cases(SGD):
        if _raises(SGD, case.name):
            continue
        got_params, got_buffers = sgd_step_reference(**inputs)
        want_params, want_buffers = _sgd_by_hand(**inputs)
        for got, want, given in zip(got_params, want_params, inputs["params"], strict=True):
            assert got.dtype == given.dtype and got.shape == given.shape, case.name
            torch.testing.assert_close(got.double(), want, rtol=1e-5, atol=1e-5, msg=case.name)
        for got, want in zip(got_buffers, want_buffers, strict=True):
            assert (got is None) == (want is None), case.name
            if want is not None:
                torch.testing.assert_close(got.double(), want, rtol=1e-5, atol=1e-5, msg=case.name)


@pytest.mark.parametrize("hyper", [dict(), dict(momentum=0.9), dict(momentum=0.9, dampening=0.3, weight_decay=0.1),
                                   dict(momentum=0.5, nesterov=True, weight_decay=0.01)])
def test_sgd_steps_chained_are_an_untouched_optimisers_steps(hyper):
    gen = torch.Generator().manual_seed(3)
    shapes = [(3, 2), (2,), ()]
    start = [torch.randn(s, generator=gen) for s in shapes]
    grads = [[torch.randn(s, generator=gen) for s in shapes] for _ in range(4)]
    leaves = [p.clone() for p in start]
    optimizer = torch.optim.SGD(leaves, lr=0.1, **hyper)
    params, buffers = start, [None] * len(shapes)
    for step_grads in grads:
        for leaf, g in zip(leaves, step_grads, strict=True):
            leaf.grad = g.clone()
        optimizer.step()
        params, buffers = sgd_step_reference(params, step_grads, buffers, 0.1, **hyper)
        for leaf, p in zip(leaves, params, strict=True):
            assert torch.equal(leaf, p)
        for leaf, b in zip(leaves, buffers, strict=True):
            expected = optimizer.state[leaf].get("momentum_buffer")
            assert (b is None) == (expected is None) and (b is None or torch.equal(b, expected))


def test_sgd_leaves_inputs_alone_and_the_docstring_holds():
    params, grads, buffers = [torch.tensor([1.0, 2.0])], [torch.tensor([0.5, -1.0])], [torch.tensor([1.0, 1.0])]
    new_params, new_buffers = sgd_step_reference(params, grads, buffers, lr=0.1, momentum=0.9, weight_decay=0.1)
    assert torch.equal(params[0], torch.tensor([1.0, 2.0])) and torch.equal(buffers[0], torch.tensor([1.0, 1.0]))
    assert torch.equal(grads[0], torch.tensor([0.5, -1.0]))
    assert not new_params[0].requires_grad and new_params[0].grad is None
    first = sgd_step_reference([torch.tensor([1.0, 2.0])], [torch.tensor([0.5, -1.0])], [None], lr=0.1, momentum=0.9)
    torch.testing.assert_close(first, ([torch.tensor([0.95, 2.1])], [torch.tensor([0.5, -1.0])]))
    second = sgd_step_reference(first[0], [torch.tensor([0.5, -1.0])], first[1], lr=0.1, momentum=0.9)
    torch.testing.assert_close(second, ([torch.tensor([0.855, 2.29])], [torch.tensor([0.95, -1.9])]))


@pytest.mark.parametrize("hyper", [dict(nesterov=True), dict(momentum=0.9, dampening=0.5, nesterov=True),
                                   dict(lr=-0.1), dict(momentum=-0.5), dict(weight_decay=-1.0)])
def test_sgd_raises_value_error_as_the_stub_says(hyper):
    arguments = dict(lr=0.1) | hyper
    with pytest.raises(ValueError):
        sgd_step_reference([torch.zeros(2)], [torch.ones(2)], [None], **arguments)


def test_sgd_cases_show_the_usual_mistakes():
    edge = {case.name: case.params for case in SGD.edge_cases}
    # the first step with dampening, Nesterov with and without buffers, decay with momentum
    assert edge["dampening_first_step"]["buffers"] == "none" and edge["dampening_first_step"]["dampening"] > 0
    assert edge["nesterov_with_buffers"]["buffers"] == "all" and edge["nesterov_first_step"]["buffers"] == "none"
    assert edge["weight_decay_and_momentum"]["weight_decay"] > 0 and edge["weight_decay_and_momentum"]["momentum"] > 0
    assert "momentum" not in edge["plain"] and any(p["buffers"] == "some" for p in edge.values())
    assert any(p["dtype"] == "float64" for p in edge.values())
    assert any(() in p["shapes"] for p in edge.values())


# --- adam_step ------------------------------------------------------------------------------------------------

def _adam_by_hand(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    """The paper's Algorithm 1 (with L2 decay in the gradient), element by element in float64."""
    beta1, beta2 = betas
    out = ([], [], [])
    values = zip(*(t.double().reshape(-1).tolist() for t in (param, grad, exp_avg, exp_avg_sq)), strict=True)
    for p, g, m, v in values:
        g = g + weight_decay * p
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1 ** step), v / (1 - beta2 ** step)
        for bucket, value in zip(out, (p - lr * m_hat / (math.sqrt(v_hat) + eps), m, v), strict=True):
            bucket.append(value)
    return tuple(torch.tensor(bucket, dtype=torch.float64).reshape(param.shape) for bucket in out)


def test_adam_matches_the_update_by_hand():
    for case, inputs in _cases(ADAM):
        if _raises(ADAM, case.name):
            continue
        got = adam_step_reference(**inputs)
        want = _adam_by_hand(**inputs)
        for g, w in zip(got, want, strict=True):
            assert g.dtype == inputs["param"].dtype and g.shape == inputs["param"].shape, case.name
            torch.testing.assert_close(g.double(), w, rtol=1e-5, atol=1e-6, msg=case.name)


@pytest.mark.parametrize("options", [dict(), dict(lr=0.1, betas=(0.5, 0.9)), dict(lr=0.01, eps=0.1, weight_decay=0.1)])
def test_adam_steps_chained_are_an_untouched_optimisers_steps(options):
    gen = torch.Generator().manual_seed(5)
    param = torch.randn(4, 3, generator=gen)
    leaf = param.clone()
    optimizer = torch.optim.Adam([leaf], **options)
    m, v = torch.zeros_like(param), torch.zeros_like(param)
    for step in range(1, 7):
        grad = torch.randn(4, 3, generator=gen)
        leaf.grad = grad.clone()
        optimizer.step()
        param, m, v = adam_step_reference(param, grad, m, v, step, **options)
        state = optimizer.state[leaf]
        assert torch.equal(param, leaf) and torch.equal(m, state["exp_avg"]) and torch.equal(v, state["exp_avg_sq"])


def test_adam_leaves_inputs_alone_and_the_docstring_holds():
    inputs = dict(param=torch.tensor([1.0]), grad=torch.tensor([0.5]), exp_avg=torch.zeros(1),
                  exp_avg_sq=torch.zeros(1))
    got = adam_step_reference(**inputs, step=1, lr=0.1)
    assert all(torch.equal(t, torch.tensor([1.0, 0.5, 0.0, 0.0])[i:i + 1]) for i, t in enumerate(inputs.values()))
    torch.testing.assert_close(got, (torch.tensor([0.9]), torch.tensor([0.05]), torch.tensor([0.00025])))


@pytest.mark.parametrize("options", [dict(lr=-1e-3), dict(eps=-1e-8), dict(weight_decay=-0.1),
                                     dict(betas=(1.0, 0.999)), dict(betas=(0.9, 1.0)), dict(betas=(-0.1, 0.9))])
def test_adam_raises_value_error_as_the_stub_says(options):
    with pytest.raises(ValueError):
        adam_step_reference(torch.zeros(2), torch.ones(2), torch.zeros(2), torch.zeros(2), 1, **options)


def test_adam_cases_make_bias_correction_and_eps_matter():
    edge = {case.name: case.params for case in ADAM.edge_cases}
    assert edge["first_step"] == dict(shape=(3, 4), step=1, dtype="float32")  # every option at its default
    # at step 1 the moments given are Adam's fresh zeros
    inputs = ADAM.inputs(edge["first_step"], 0)
    assert not inputs["exp_avg"].any() and not inputs["exp_avg_sq"].any()
    assert any(p["step"] > 1000 for p in edge.values()) and any(p.get("eps", 0) >= 0.1 for p in edge.values())
    for case, inputs in _cases(ADAM):
        assert (inputs["exp_avg_sq"] >= 0).all(), case.name


# --- early_stopping -------------------------------------------------------------------------------------------

class _EarlyStoppingCallback:
    """What a training framework's callback does: told each epoch's validation loss, it says whether to stop."""

    def __init__(self, patience: int, min_delta: float) -> None:
        self.patience, self.min_delta = patience, min_delta
        self.best_loss = math.inf
        self.best_epoch = -1
        self.bad_epochs = 0

    def should_stop(self, epoch: int, loss: float) -> bool:
        if self.best_epoch < 0 or loss < self.best_loss - self.min_delta:
            self.best_loss, self.best_epoch, self.bad_epochs = loss, epoch, 0
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def _train_with_callback(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    callback = _EarlyStoppingCallback(patience, min_delta)
    epoch = 0
    while True:  # "train" one epoch, validate, ask the callback
        stop = callback.should_stop(epoch, val_losses[epoch])
        if stop or epoch == len(val_losses) - 1:
            return epoch, callback.best_epoch
        epoch += 1


def test_early_stopping_matches_a_training_loop_with_a_callback_on_the_cases():
    for case, inputs in _cases(EARLY, seeds=range(10)):
        if _raises(EARLY, case.name):
            with pytest.raises(ValueError):
                early_stopping_reference(**inputs)
            continue
        assert early_stopping_reference(**inputs) == _train_with_callback(**inputs), case.name


def test_early_stopping_matches_the_training_loop_on_random_histories():
    rng = random.Random(0)
    for _ in range(3000):
        # multiples of 1/16: every gain is exact, so "best - loss > min_delta" and "loss < best - min_delta" agree
        losses = [rng.randint(0, 32) / 16 for _ in range(rng.randint(1, 15))]
        patience, min_delta = rng.randint(1, 5), rng.choice([0.0, 1 / 16, 2 / 16, 0.25])
        got = early_stopping_reference(losses, patience, min_delta)
        assert got == _train_with_callback(losses, patience, min_delta), (losses, patience, min_delta)
        assert type(got) is tuple and all(type(v) is int for v in got)


def test_early_stopping_docstring_examples():
    assert early_stopping_reference([1.0, 0.8, 0.9, 0.85, 0.95], patience=2) == (3, 1)
    assert early_stopping_reference([1.0, 0.75, 0.625, 0.5], patience=2, min_delta=0.25) == (3, 2)


def test_early_stopping_cases_are_exact_and_varied():
    results = set()
    for case, inputs in _cases(EARLY, seeds=range(10)):
        values = inputs["val_losses"] + [inputs.get("min_delta", 0.0)]
        assert all((v * 64).is_integer() for v in values), case.name  # exact differences in floating point
        if not _raises(EARLY, case.name):
            stop, best = early_stopping_reference(**inputs)
            results.add(("stopped early" if stop < len(inputs["val_losses"]) - 1 else "ran to the end",
                         "best last" if best == stop else "best earlier"))
    assert len(results) >= 3
    # a tie, and a gain of exactly min_delta, sit where they decide the answer
    tie = EARLY.inputs(next(c.params for c in EARLY.edge_cases if c.name == "tie_is_no_improvement"), 0)
    assert early_stopping_reference(**tie) != (len(tie["val_losses"]) - 1, len(tie["val_losses"]) - 1)
    exact = EARLY.inputs(next(c.params for c in EARLY.edge_cases if c.name == "min_delta_exactly"), 0)
    assert exact["val_losses"][0] - exact["val_losses"][1] == exact["min_delta"]


def test_the_raising_cases_are_the_ones_named_here():
    for ex in (SGD, ADAM, EARLY):
        for case in ex.edge_cases:
            inputs = ex.inputs(case.params, 0)
            if case.name in RAISING:
                with pytest.raises(ValueError):
                    ex.reference(**inputs)
            else:
                ex.reference(**inputs)
