"""The service's wire: one JSON object per message, after its length (8 bytes, little-endian), as
:mod:`autograder.sandbox.protocol` frames a worker's messages, without tensors: only plain data crosses it."""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

MAX_MESSAGE_BYTES = 64 << 20  # a submission's files are at most 32 MiB
_LENGTH = struct.Struct("<Q")


class WireError(Exception):
    """The other end closed the connection or sent something that is not a message."""


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    body = json.dumps(message).encode()
    sock.sendall(_LENGTH.pack(len(body)) + body)


def receive(sock: socket.socket) -> dict[str, Any]:
    (length,) = _LENGTH.unpack(_exactly(sock, _LENGTH.size))
    if length > MAX_MESSAGE_BYTES:
        raise WireError(f"a message of {length} bytes refused")
    try:
        message = json.loads(_exactly(sock, length))
    except ValueError as err:
        raise WireError(f"malformed message: {err}") from None
    if not isinstance(message, dict):
        raise WireError("a message is not an object")
    return message


def _exactly(sock: socket.socket, n: int) -> bytes:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            raise WireError("the connection was closed")
        buf += chunk
    return bytes(buf)
