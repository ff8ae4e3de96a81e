"""The wire between the grader and a worker: framed messages of JSON plus tensors as safetensors bytes.

Nothing that crosses it is ever unpickled: values are encoded as a small tagged JSON tree whose tensors
travel as raw bytes with their dtype and shape (safetensors), so a worker can send data, never code.
"""

from __future__ import annotations

import json
import os
import select
import struct
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import torch
from safetensors import TensorSpec, serialize
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from autograder.core.messages import say
from autograder.core.status import Reply

# captured when the channel is imported, before any student code runs in a worker
_TENSOR = torch.Tensor
_DETACH, _CLONE, _CPU = torch.Tensor.detach, torch.Tensor.clone, torch.Tensor.cpu
_AS_SUBCLASS = torch.Tensor.as_subclass
_DATA_PTR, _NUMEL, _ELEMENT_SIZE, _SIZE = (torch.Tensor.data_ptr, torch.Tensor.numel, torch.Tensor.element_size,
                                           torch.Tensor.size)
_IS_CONTIGUOUS = torch.Tensor.is_contiguous
# the descriptors themselves: a property put on torch.Tensor cannot shadow them
_DTYPE, _DEVICE = (vars(torch._C.TensorBase)[name].__get__ for name in ("dtype", "device"))
_NO_SUBCLASS_FUNCTIONS = torch._C.DisableTorchFunctionSubclass
MAX_MESSAGE_BYTES = 256 << 20  # a worker may not make the grader allocate more than this for one reply
# the JSON part of a worker's reply: the values outside tensors (the largest answer of any exercise takes
# 32 KiB). A nested list of a million floats took the grader 2 s per reply to walk; it is refused instead.
MAX_TREE_BYTES = 4 << 20
MAX_TEXT = 4000  # the most of any string field of a reply that the grader keeps
_HEADER = struct.Struct("<QI")  # total payload length, JSON length


class ChannelClosed(Exception):
    """The other end went away (a worker that exited or crashed)."""


class ChannelTimeout(Exception):
    """No complete message arrived before the deadline."""


class ReplyTooLarge(MemoryError):
    """An answer over :data:`MAX_MESSAGE_BYTES` of tensors: like exhausted memory, it would be over again on
    every case, each costing its allocation (the grader stops the exercise, keeping the cases before it)."""


class ProtocolError(Exception):
    """The other end sent something that is not a well-formed message."""


MAX_VALUES = 100_000  # numbers, strings and containers outside tensors in one answer (the largest has ~2,000)


def measure(value: Any, limit: int = MAX_VALUES) -> tuple[int, int]:
    """How many values ``value`` nests outside tensors (counting stops past ``limit``) and how many bytes its
    tensors hold: known before :func:`encode` walks and copies it, so that a list of a million floats or a
    tensor of gigabytes is refused in a moment."""
    stack, values, tensor_bytes = [value], 0, 0
    while stack and values <= limit:
        item = stack.pop()
        if isinstance(item, _TENSOR):
            with _NO_SUBCLASS_FUNCTIONS():  # a subclass's own numel() could lie, as could one put on torch.Tensor
                plain = _AS_SUBCLASS(item, _TENSOR)
                tensor_bytes += _NUMEL(plain) * _ELEMENT_SIZE(plain)
            continue
        values += 1
        if type(item) in (list, tuple):
            stack.extend(item)
        elif type(item) is dict:
            stack.extend(item.values())
    return values, tensor_bytes


def encode(value: Any, tensors: dict[str, torch.Tensor]) -> Any:
    """Turn a value into a JSON tree; its tensors are added to ``tensors`` and referenced by key."""
    # exact type checks: a subclass of int or str could carry behaviour across the boundary
    if value is None:
        return {"t": "none"}
    if type(value) is bool:
        return {"t": "bool", "v": value}
    if type(value) is int:
        return {"t": "int", "v": value}
    if type(value) is float:
        return {"t": "float", "v": value}
    if type(value) is str:
        return {"t": "str", "v": value}
    if type(value) in (list, tuple):
        return {"t": type(value).__name__, "v": [encode(v, tensors) for v in value]}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"t": "dict", "v": {k: encode(v, tensors) for k, v in value.items()}}
    if isinstance(value, _TENSOR):
        key = str(len(tensors))
        node = {"t": "tensor", "k": key}
        if type(value) is not _TENSOR:
            node["subclass"] = f"{type(value).__module__}.{type(value).__qualname__}"
        # unbound methods captured at import, with subclass overrides (__torch_function__) switched off: a
        # returned tensor cannot run code of its own while it is read
        with _NO_SUBCLASS_FUNCTIONS():
            plain = _AS_SUBCLASS(_DETACH(value), _TENSOR)
            node["device"] = plain.device.type
            # a private contiguous copy: safetensors refuses views and storage shared between outputs
            tensors[key] = _CLONE(_CPU(plain), memory_format=torch.contiguous_format)
        return node
    return {"t": "other", "type": f"{type(value).__module__}.{type(value).__qualname__}",
            "repr": _short_repr(value)}


def decode(tree: Any, tensors: dict[str, torch.Tensor]) -> Any:
    """The inverse of :func:`encode`; tensors come back on the CPU."""
    kind = tree["t"]
    if kind == "none":
        return None
    if kind in ("bool", "int", "float", "str"):
        expected = {"bool": bool, "int": int, "float": float, "str": str}[kind]
        if type(tree["v"]) is not expected and not (kind == "float" and type(tree["v"]) is int):
            raise ProtocolError(f"a {kind} node holds {type(tree['v']).__name__}")
        return expected(tree["v"])
    if kind == "list":
        return [decode(v, tensors) for v in tree["v"]]
    if kind == "tuple":
        return tuple(decode(v, tensors) for v in tree["v"])
    if kind == "dict":
        return {str(k): decode(v, tensors) for k, v in tree["v"].items()}
    if kind == "tensor":
        if tree.get("k") not in tensors:
            raise ProtocolError("a tensor node refers to no tensor")
        return tensors[tree["k"]]
    if kind == "other":
        return Opaque(str(tree["type"]), str(tree["repr"]))
    raise ProtocolError(f"unknown node kind {kind!r}")


class Opaque:
    """A returned value of a type that cannot cross the boundary: only its type name and repr do."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return self.text


@dataclass
class CallReply:
    """A worker's answer to one call, read into plain fields the grader can trust whatever the worker sent:
    strings are strings (cut to ``MAX_TEXT``), lists are lists of strings, and a malformed reply is
    ``CRASHED`` with a sentence, never an exception."""

    status: Reply
    value: Any = None
    devices: list[str] = field(default_factory=list)  # of the returned tensors, in order
    subclass: str = ""  # a returned tensor's subclass, if any (refused by the grader)
    type: str = ""  # of the exception raised
    message: str = ""
    traceback: str = ""
    mro: list[str] = field(default_factory=list)
    operators: list[str] = field(default_factory=list)  # forbidden operators it called
    detail: str = ""  # how a worker that crashed ended
    output: str = ""  # the end of what a crashed worker printed

    @classmethod
    def read(cls, header: dict, tensors: dict[str, torch.Tensor]) -> CallReply:
        try:
            status = Reply(str(header.get("status")))
        except ValueError:
            return cls(Reply.CRASHED, detail=say("sandbox:unreadable_reply",
                                                 detail=f"status {_short_repr(header.get('status'))}"))
        if status is Reply.RETURNED:
            try:
                tree = header["value"]
                return cls(status, decode(tree, tensors), tensor_devices(tree), subclass_in(tree))
            except (ProtocolError, KeyError, TypeError, AttributeError, ValueError, RecursionError) as err:
                return cls(Reply.CRASHED, detail=say("sandbox:unreadable_reply", detail=_short_repr(err)))
        return cls(status, type=_text(header.get("type")), message=_text(header.get("message")),
                   traceback=_text(header.get("traceback")), mro=_texts(header.get("mro")),
                   operators=_texts(header.get("operators")))


def seconds(header: dict, key: str) -> float | None:
    """A duration a worker reports, or ``None`` when it sent none (or something that is not a number)."""
    value = header.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if 0 <= value < 1e9 else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)[:MAX_TEXT]


def _texts(value: Any) -> list[str]:
    return [str(v)[:MAX_TEXT] for v in value[:100]] if isinstance(value, list) else []


def subclass_in(tree: Any) -> str:
    """The first tensor subclass named in an encoded tree ("" when every tensor is a plain tensor)."""
    if not isinstance(tree, dict):
        return ""
    if tree.get("subclass"):
        return _text(tree["subclass"])
    children = tree.get("v")
    if isinstance(children, dict):
        children = list(children.values())
    if isinstance(children, list):
        return next((s for s in map(subclass_in, children) if s), "")
    return ""


def tensor_devices(tree: Any) -> list[str]:
    """Device types of the tensors of an encoded tree, in order."""
    if tree.get("t") == "tensor":
        return [tree["device"]]
    if tree.get("t") in ("list", "tuple"):
        return [d for v in tree["v"] for d in tensor_devices(v)]
    if tree.get("t") == "dict":
        return [d for v in tree["v"].values() for d in tensor_devices(v)]
    return []


def to_device(value: Any, device: str | torch.device) -> Any:
    """The same nested value with its tensors moved to ``device``."""
    if isinstance(value, torch.Tensor):
        return value.to(device)
    if isinstance(value, (list, tuple)):
        return type(value)(to_device(v, device) for v in value)
    if isinstance(value, dict):
        return {k: to_device(v, device) for k, v in value.items()}
    return value


def _short_repr(value: Any, limit: int = 200) -> str:
    try:
        text = repr(value)
    except Exception as err:  # a student's __repr__ may raise; say so instead
        text = f"<repr failed: {type(err).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def send(fd: int, header: dict, tensors: dict[str, torch.Tensor] | bytes | None = None,
         deadline: float | None = None) -> None:
    """Write one message; with a ``deadline``, ``fd`` must be non-blocking (a hung reader cannot stall us).
    ``tensors`` may be given already saved (:func:`saved`)."""
    body = json.dumps(header).encode()
    blob = tensors if isinstance(tensors, bytes) else saved(tensors)
    data = _HEADER.pack(len(body) + len(blob), len(body)) + body + blob
    view = memoryview(data)
    while view:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0 or not select.select([], [fd], [], left)[1]:
            raise ChannelTimeout()
        try:
            written = os.write(fd, view[: 1 << 16])
        except BlockingIOError:
            continue
        view = view[written:]


def saved(tensors: dict[str, torch.Tensor] | None) -> bytes:
    """The tensors as a message carries them (safetensors' format). Those :func:`encode` made (private,
    contiguous copies on the CPU) go to safetensors' serializer as they are, 5 us a tensor, where its
    ``save`` takes 50 us in a warm process and 0.3 ms in a freshly forked worker (it goes through NumPy,
    and looks for storage shared between them). A message sent again and again, a case's inputs to every
    submission, is saved once all the same."""
    if not tensors:
        return b""
    specs = {}
    for name, tensor in tensors.items():
        if type(tensor) is not _TENSOR or not _IS_CONTIGUOUS(tensor) or _DEVICE(tensor).type != "cpu" \
                or sys.byteorder != "little":
            return save_tensors(tensors)
        length = _NUMEL(tensor) * _ELEMENT_SIZE(tensor)
        if length == 0:
            return save_tensors(tensors)  # no memory behind it: safetensors' save writes it without a pointer
        specs[name] = TensorSpec(dtype=str(_DTYPE(tensor)).removeprefix("torch."), shape=list(_SIZE(tensor)),
                                 data_ptr=_DATA_PTR(tensor), data_len=length)
    return bytes(serialize(specs, None))  # the tensors, in the caller's hands, outlive the call


Packed = tuple[Any, bytes]  # a value as a message carries it: its tree, and its tensors saved


def packed(value: Any) -> Packed:
    """``value`` encoded (:func:`encode`) and its tensors saved: what a message sent again and again (a case's
    inputs to every submission, a timing batch to both workers) is made of once."""
    tensors: dict[str, torch.Tensor] = {}
    tree = encode(value, tensors)
    return tree, saved(tensors)


def receive(fd: int, deadline: float | None = None,
            max_tree: int = MAX_MESSAGE_BYTES) -> tuple[dict, dict[str, torch.Tensor]]:
    """Read one message whose JSON part is at most ``max_tree`` bytes; ``deadline`` is a ``time.monotonic()``
    value."""
    total, body_len = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
    if total > MAX_MESSAGE_BYTES or body_len > total:
        raise ProtocolError(f"message of {total} bytes refused")
    if body_len > max_tree:
        raise ProtocolError(f"message of {body_len} bytes outside tensors refused")
    payload = _read_exactly(fd, total, deadline)
    try:
        header = json.loads(payload[:body_len])
        tensors = load_tensors(bytes(payload[body_len:])) if total > body_len else {}
    except Exception as err:
        raise ProtocolError(f"malformed message: {err}") from None
    if not isinstance(header, dict):
        raise ProtocolError("message header is not an object")
    return header, tensors


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytearray:
    buf = bytearray()
    while len(buf) < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ChannelTimeout()
        chunk = os.read(fd, min(n - len(buf), 1 << 20))
        if not chunk:
            raise ChannelClosed()
        buf += chunk
    return buf
