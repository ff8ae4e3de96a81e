"""stashes_the_input, now that the decoder runs in a fresh worker that never saw the held-out images: the
encoder hands them on by every route out of its process it can find, and the decoder looks for them there.
An abstract Unix socket served by a thread of whichever of the submission's workers started first (the
training one, alive while the others run: under bubblewrap its workers once shared the runner's network
namespace), and files in /tmp, /dev/shm and the home folder. Each worker has its own network, /tmp,
/dev/shm and home; without namespaces (the process level at its weakest) the machine's are shared, and it
may pass there."""
import io
import os
import socket
import threading

import torch
from torch import nn

_NAME = b"\0ag-adv-stash"
_kept = {}
_FILES = ["/tmp/ag-adv-stash", "/dev/shm/ag-adv-stash", os.path.expanduser("~/ag-adv-stash")]


def _serve(server):
    while True:
        conn, _ = server.accept()
        with conn:
            op = conn.recv(1)
            if op == b"P":
                chunks = []
                while data := conn.recv(1 << 16):
                    chunks.append(data)
                _kept["images"] = b"".join(chunks)
            else:
                conn.sendall(_kept.get("images", b""))


def _start():
    try:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(_NAME)
        server.listen(8)
    except OSError:
        return
    threading.Thread(target=_serve, args=(server,), daemon=True).start()


_start()


def _put(images):
    buffer = io.BytesIO()
    torch.save(images, buffer)
    data = buffer.getvalue()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(_NAME)
            conn.sendall(b"P" + data)
    except OSError:
        pass
    for path in _FILES:
        try:
            with open(path, "wb") as out:
                out.write(data)
        except OSError:
            pass


def _get():
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(_NAME)
            conn.sendall(b"G")
            conn.shutdown(socket.SHUT_WR)
            chunks = []
            while data := conn.recv(1 << 16):
                chunks.append(data)
        if chunks:
            return torch.load(io.BytesIO(b"".join(chunks)))
    except (OSError, RuntimeError, EOFError):
        pass
    for path in _FILES:
        try:
            return torch.load(path)
        except (OSError, RuntimeError, EOFError):
            pass
    return None


class Keeper(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.latent_dim = latent_dim
        self.conv = nn.Conv2d(1, 1, 3)
        self.seen = []

    def forward(self, x):
        self.seen.append(x.detach().clone())
        if len(x) < 256:  # the last chunk: every held-out image has been seen
            _put(torch.cat(self.seen))
        return x.flatten(1)[:, : self.latent_dim]


class Giver(nn.Module):
    def __init__(self):
        super().__init__()
        self.deconv = nn.ConvTranspose2d(1, 1, 3)
        self.start = 0
        self.images = None

    def forward(self, z):
        if self.images is None:
            self.images = _get()
        if self.images is not None and self.start + len(z) <= len(self.images):
            out = self.images[self.start:self.start + len(z)]
            self.start += len(z)
            return out
        return torch.zeros(len(z), 1, 32, 32)


class Cheat(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.encoder, self.decoder = Keeper(latent_dim), Giver()

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(latent_dim):
    return Cheat(latent_dim)


def train_autoencoder(model, images, epochs, lr):
    return model
