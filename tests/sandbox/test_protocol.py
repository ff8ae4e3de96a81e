"""Values cross the worker boundary as plain data, never as objects."""

from __future__ import annotations

import os
import struct
import time

import pytest
import torch

from autograder.sandbox import protocol


def roundtrip(value):
    tensors: dict = {}
    tree = protocol.encode(value, tensors)
    read, write = os.pipe()
    try:
        protocol.send(write, {"value": tree}, tensors)
        header, received = protocol.receive(read, time.monotonic() + 5)
    finally:
        os.close(read)
        os.close(write)
    return protocol.decode(header["value"], received), tree


def test_nested_values_roundtrip() -> None:
    value = (torch.arange(6.0).reshape(2, 3), [1, 2.5, "x", None, True], {"w": torch.ones(2, dtype=torch.int64)})
    back, _ = roundtrip(value)
    assert torch.equal(back[0], value[0]) and back[0].dtype == torch.float32
    assert back[1] == [1, 2.5, "x", None, True]
    assert torch.equal(back[2]["w"], value[2]["w"])


def test_views_and_shared_storage_are_copied() -> None:
    base = torch.arange(12.0).reshape(3, 4)
    back, _ = roundtrip((base.t(), base[1]))
    assert torch.equal(back[0], base.t()) and torch.equal(back[1], base[1])


def test_unknown_objects_become_opaque() -> None:
    class Thing:
        def __repr__(self) -> str:
            return "Thing()"

    back, _ = roundtrip(Thing())
    assert isinstance(back, protocol.Opaque) and back.text == "Thing()"


def test_tensor_subclass_is_flagged_and_stripped() -> None:
    class Sneaky(torch.Tensor):
        pass

    back, tree = roundtrip(torch.ones(2).as_subclass(Sneaky))
    assert type(back) is torch.Tensor
    assert tree["subclass"].endswith("Sneaky")


def test_oversized_message_is_refused() -> None:
    read, write = os.pipe()
    try:
        os.write(write, struct.pack("<QI", protocol.MAX_MESSAGE_BYTES + 1, 2))
        with pytest.raises(protocol.ProtocolError):
            protocol.receive(read, time.monotonic() + 5)
    finally:
        os.close(read)
        os.close(write)


def test_receive_times_out() -> None:
    read, write = os.pipe()
    try:
        with pytest.raises(protocol.ChannelTimeout):
            protocol.receive(read, time.monotonic() + 0.1)
    finally:
        os.close(read)
        os.close(write)


def test_a_reply_too_large_outside_tensors_is_refused_before_it_is_parsed() -> None:
    read, write = os.pipe()
    try:
        size = protocol.MAX_TREE_BYTES + 1  # announced only: the refusal comes before anything is read
        os.write(write, struct.pack("<QI", size, size))
        with pytest.raises(protocol.ProtocolError, match="outside tensors"):
            protocol.receive(read, time.monotonic() + 5, max_tree=protocol.MAX_TREE_BYTES)
    finally:
        os.close(read)
        os.close(write)


def test_measure_counts_values_outside_tensors_and_the_bytes_of_tensors() -> None:
    class Liar(torch.Tensor):
        def numel(self):  # what the measure must not believe
            return 1

    value = {"a": [1, 2.0, "x", (None, True)], "t": torch.zeros(10), "s": torch.zeros(2, 3).as_subclass(Liar)}
    assert protocol.measure(value) == (8, 10 * 4 + 6 * 4)  # the dict, the list, 4 items, the tuple, 2 items
    endless: list = []
    endless.append(endless)  # a cycle: counting stops past the limit
    assert protocol.measure(endless, limit=50)[0] == 51
    assert protocol.measure([[0.0] * 1000] * 1000)[0] == protocol.MAX_VALUES + 1


@pytest.mark.parametrize("tensors", [
    {"0": torch.randn(2, 4)},
    {"0": torch.randn(3, 5, dtype=torch.float64), "1": torch.arange(7), "2": torch.tensor(True)},
    {"0": torch.randn(2, 3).to(torch.bfloat16), "1": torch.tensor(3.5), "2": torch.randint(0, 9, (2, 2, 2))},
    {"0": torch.zeros(0, 3), "1": torch.ones(2)},  # no memory behind the first: safetensors' own save
    {"0": torch.randn(4, 3).t()},  # not contiguous: safetensors' own save, which refuses it
    {"0": torch.nn.Parameter(torch.ones(2))},  # not a plain tensor: safetensors' own save
])
def test_tensors_are_saved_as_safetensors_saves_them(tensors: dict) -> None:
    from safetensors.torch import load, save

    try:
        expected = save(tensors)
    except ValueError:  # the view
        with pytest.raises(ValueError):
            protocol.saved(tensors)
        return
    assert protocol.saved(tensors) == expected
    loaded = load(protocol.saved(tensors))
    assert loaded.keys() == tensors.keys()
    for name, tensor in tensors.items():
        assert torch.equal(loaded[name], tensor.detach()) and loaded[name].dtype == tensor.dtype


def test_saved_tensors_stay_what_they_were_though_their_methods_are_replaced(monkeypatch) -> None:
    """A submission that replaces a tensor method the worker's reply goes through changes nothing read (see
    tests/adversarial/lies_about_its_tensors.py)."""
    tensor = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    expected = protocol.saved({"0": tensor})
    monkeypatch.setattr(torch.Tensor, "data_ptr", lambda self: 0)
    monkeypatch.setattr(torch.Tensor, "numel", lambda self: 1 << 40)
    monkeypatch.setattr(torch.Tensor, "dtype", property(lambda self: torch.int8), raising=False)
    monkeypatch.setattr(torch.Tensor, "device", property(lambda self: torch.device("meta")), raising=False)
    monkeypatch.setattr(torch.Tensor, "is_contiguous", lambda self, *args, **kwargs: False)
    assert protocol.saved({"0": tensor}) == expected
    assert protocol.measure(tensor) == (0, 24)  # nor is a reply refused as too large for a lie
