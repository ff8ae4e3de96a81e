"""Sends a message over the network to a server the test started on this machine, then answers wrongly."""
import os
import socket


def _phone_home():
    port = int(os.environ.get("AUTOGRADER_ADVERSARIAL_PORT", "0") or 0)
    for host in ("127.0.0.1", "localhost"):
        for p in ([port] if port else []) + list(range(47000, 47010)):
            try:
                with socket.create_connection((host, p), timeout=0.2) as conn:
                    conn.sendall(b"exfiltrated")
            except OSError:
                pass


_phone_home()


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    _phone_home()
    return 0
