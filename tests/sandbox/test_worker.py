"""The student worker's own defences, tested in this process: the drivers it takes before any student code
runs, the seal that names a change to the kit's own modules, and the audit hook."""

from __future__ import annotations

import sys
import types

import pytest

from autograder.core.spec import PROBES
from autograder.sandbox import forbid, probes, worker


def test_the_drivers_are_taken_when_the_worker_starts_and_a_replaced_one_is_not_called(monkeypatch) -> None:
    drivers = worker.probe_drivers()
    assert drivers[f"{PROBES}.generator_calls"] is probes.generator_calls
    assert drivers[f"{PROBES}.train_probe"] is probes.train_probe
    # only the module's own public functions: no helper, nothing it imported
    assert not any(name.rsplit(".", 1)[1].startswith("_") for name in drivers)
    assert f"{PROBES}.DataLoader" not in drivers
    monkeypatch.setattr(probes, "generator_calls", lambda *args, **kwargs: {})
    assert drivers[f"{PROBES}.generator_calls"] is not probes.generator_calls


def test_the_seal_names_a_replaced_global_or_class_attribute_and_nothing_else() -> None:
    seal = worker.Seal()
    assert seal.changed() == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forbid.Guard, "hold", lambda self, names: None)
        patch.setattr(probes, "generator_calls", lambda *args, **kwargs: {})
        assert seal.changed() == ["autograder.sandbox.forbid.Guard.hold",
                                  "autograder.sandbox.probes.generator_calls"]
    assert seal.changed() == []
    with pytest.MonkeyPatch.context() as patch:
        # what is only added (a lazily imported submodule's name, a cache) is not a change
        patch.setattr(probes, "something_new", 1, raising=False)
        assert seal.changed() == []
        patch.delitem(sys.modules, "autograder.sandbox.forbid")
        assert seal.changed() == ["autograder.sandbox.forbid"]
    assert seal.intact()
    with pytest.MonkeyPatch.context() as patch:
        # removed; then removed and another added in its place (the count of entries the same); then put back,
        # the same object after the others: each a change
        patch.delattr(probes, "generator_calls")
        assert not seal.intact() and seal.changed() == ["autograder.sandbox.probes.generator_calls"]
        patch.setattr(probes, "generator_calls_", 1, raising=False)
        assert not seal.intact() and seal.changed() == ["autograder.sandbox.probes.generator_calls"]
        patch.setattr(probes, "generator_calls", seal.modules["autograder.sandbox.probes"][1]["generator_calls"],
                      raising=False)
        assert not seal.intact()
    assert not seal.intact()  # put back by the monkeypatch, after the entries that followed it: still a change


def test_the_audit_hook_refuses_object_searches_and_new_code_for_the_kit_s_functions() -> None:
    hook = worker._refuse_object_search
    with pytest.raises(RuntimeError, match="gc.get_objects"):
        hook("gc.get_objects", ())
    with pytest.raises(RuntimeError, match="Guard.hold"):
        hook("object.__setattr__", (forbid.Guard.hold, "__code__", (lambda: None).__code__))
    with pytest.raises(RuntimeError, match="_refuse_object_search"):
        hook("object.__setattr__", (hook, "__code__", (lambda: None).__code__))
    # PyTorch's functions (the guard replaces their code) and the student's own are not the kit's
    hook("object.__setattr__", (types.FunctionType((lambda: None).__code__, {}), "__code__", None))
    import torch.nn.init

    hook("object.__setattr__", (torch.nn.init.xavier_uniform_, "__code__", None))
    hook("open", ("file", "r", 0))


def test_the_seal_is_not_blinded_by_replacing_the_builtins_it_uses() -> None:
    import builtins
    import itertools
    import operator

    seal = worker.Seal()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builtins, "all", lambda values: True)
        patch.setattr(builtins, "sorted", lambda values: [])
        patch.setattr(operator, "is_", lambda a, b: True)
        patch.setattr(itertools, "islice", lambda values, count: iter(()))
        patch.setattr(forbid.Guard, "hold", lambda self, names: None)
        assert not seal.intact()
        assert seal.changed() == ["autograder.sandbox.forbid.Guard.hold"]
