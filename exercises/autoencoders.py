"""Autoencoders and variational autoencoders: squeeze images through a few numbers and rebuild them.

Fill in the functions below, then run ``autograder check`` to see how they do.

The data: ``datasets/digits/`` holds scikit-learn's 1797 handwritten digits as 32x32 grayscale PNG files
(``train/<digit>/*.png``: 1442 images). To try your autoencoder on them::

    import torch
    from torchvision import datasets, transforms

    to_tensor = transforms.Compose([transforms.Grayscale(), transforms.ToTensor()])  # (1, 32, 32) in [0, 1]
    train_set = datasets.ImageFolder("datasets/digits/train", transform=to_tensor)
    images = torch.stack([image for image, _ in train_set])                        # (1442, 1, 32, 32)
    model = train_autoencoder(build_autoencoder(16), images, epochs=10, lr=1e-3)
"""

from __future__ import annotations

import torch
from torch import nn


def vae_reparameterize(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    r"""The reparameterisation trick: a sample of N(mu, sigma^2) written as a function of mu and sigma.

        sigma = exp(logvar / 2)          (logvar is log sigma^2, what a VAE's encoder outputs)
        z     = mu + sigma * eps

    ``mu``, ``logvar`` and ``eps`` have the same shape (``(B, latent_dim)`` in a VAE, any shape here) and
    dtype; ``eps`` is standard normal noise, drawn by the caller (``torch.randn_like(mu)`` in a VAE), so that
    gradients flow to ``mu`` and ``logvar`` through a plain formula. Returns ``z``, same shape and dtype.

    Compute ``exp(logvar / 2)`` directly: ``sqrt(exp(logvar))`` is the same number on paper but overflows to
    ``inf`` where ``exp(logvar)`` does (``logvar`` above 88 in float32, 709 in float64) while ``sigma`` is
    still finite.

    Example: ``mu = [0., 1.]``, ``logvar = [0., 2 * log 3]`` (sigma = 1 and 3), ``eps = [0.5, -1.]``:
    ``z = [0 + 1 * 0.5, 1 + 3 * -1] = [0.5, -2.]``.

    >>> vae_reparameterize(torch.tensor([0.0, 1.0]), torch.tensor([0.0, 2.1972246]), torch.tensor([0.5, -1.0]))
    tensor([ 0.5000, -2.0000])
    """
    raise NotImplementedError("vae_reparameterize: mu + exp(logvar / 2) * eps")


def vae_loss(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    r"""A VAE's loss, as PyTorch's VAE example computes it: the binary cross-entropy of the reconstruction,
    *summed* over every element of the batch, plus the KL divergence of N(mu, sigma^2) from N(0, 1), summed
    over every latent of the batch:

        BCE = -sum over every element of [ x * log(x_recon) + (1 - x) * log(1 - x_recon) ]
        KL  = -1/2 * sum over every latent of (1 + logvar - mu^2 - exp(logvar))
        loss = BCE + KL

    - ``x_recon``: the decoder's output, probabilities in [0, 1] (*0 and 1 included*: a sigmoid rounds to
      them in float32); ``x``: the images, in [0, 1] (grey levels, or 0/1), same shape ``(B, ...)``.
    - ``mu``, ``logvar``: the encoder's outputs, ``(B, latent_dim)``, with ``logvar = log sigma^2``.
    - Returns a 0-dim tensor of the inputs' dtype. Sums, not means: neither term is divided by the batch
      size or the number of pixels.
    - As ``torch.nn.functional.binary_cross_entropy``, clamp each log at -100 before multiplying:
      ``log(0)`` counts as -100, so a certain and wrong pixel costs 100 (not inf) and a certain and right one
      0 (not ``0 * -inf = NaN``).

    Why KL has that form: for one latent, KL(N(mu, sigma^2) || N(0, 1)) = (sigma^2 + mu^2 - 1 - log sigma^2) / 2,
    zero exactly when mu = 0 and sigma = 1. It pulls every image's code towards the prior N(0, 1), so that
    decoding a random z ~ N(0, 1) gives a plausible image.

    Example: one image of two pixels ``x = [1., 0.]`` rebuilt as ``x_recon = [0.8, 0.1]``, with
    ``mu = [[0.]]`` and ``logvar = [[0.]]``: BCE = -(log 0.8 + log 0.9) = 0.3285, KL = 0, loss = 0.3285;
    with ``mu = [[2.]]`` instead, KL = -1/2 (1 + 0 - 4 - 1) = 2, loss = 2.3285.

    >>> x_recon, x = torch.tensor([[0.8, 0.1]]), torch.tensor([[1.0, 0.0]])
    >>> vae_loss(x_recon, x, torch.zeros(1, 1), torch.zeros(1, 1))
    tensor(0.3285)
    >>> vae_loss(x_recon, x, torch.full((1, 1), 2.0), torch.zeros(1, 1))
    tensor(2.3285)

    ``torch.nn.functional.binary_cross_entropy`` (and ``nn.BCELoss``, ``binary_cross_entropy_with_logits``)
    and ``torch.distributions.kl_divergence`` are not allowed: write both terms out.
    """
    raise NotImplementedError("vae_loss: the summed binary cross-entropy plus the KL term (see the docstring)")


def build_autoencoder(latent_dim: int) -> nn.Module:
    r"""A convolutional autoencoder for ``(B, 1, 32, 32)`` grayscale images in [0, 1]: a new, untrained model.

    The contract the grader checks (in eval mode, on random images and codes):

    - ``model.encoder`` and ``model.decoder`` are ``nn.Module`` attributes (``nn.Sequential`` is fine);
    - ``model.encoder(x)`` maps ``x`` of shape ``(B, 1, 32, 32)`` to codes ``(B, latent_dim)``: the
      bottleneck, everything the decoder will know about the image. The encoder uses ``nn.Conv2d``;
    - ``model.decoder(z)`` maps codes ``(B, latent_dim)`` to images ``(B, 1, 32, 32)`` and upsamples with
      ``nn.ConvTranspose2d``. It ends with a sigmoid, so that every output lies in [0, 1], however large z;
    - ``model(x)`` is ``model.decoder(model.encoder(x))``, float32.

    A design that trains in seconds (the shapes are those of one image):

        encoder: (1, 32, 32) -> Conv2d(1, 16, 3, stride=2, padding=1) -> ReLU -> (16, 16, 16)
                             -> Conv2d(16, 32, 3, stride=2, padding=1) -> ReLU -> (32, 8, 8)
                             -> flatten -> Linear(32 * 8 * 8, latent_dim)
        decoder: (latent_dim,) -> Linear(latent_dim, 32 * 8 * 8) -> ReLU -> reshape to (32, 8, 8)
                             -> ConvTranspose2d(32, 16, 4, stride=2, padding=1) -> ReLU -> (16, 16, 16)
                             -> ConvTranspose2d(16, 1, 4, stride=2, padding=1) -> Sigmoid -> (1, 32, 32)

    A ``ConvTranspose2d`` with kernel 4, stride 2 and padding 1 doubles the size: (8 - 1) * 2 - 2 + 4 = 16.
    ``nn.Flatten()`` and ``nn.Unflatten(1, (32, 8, 8))`` do the two reshapes inside an ``nn.Sequential``.

    >>> model = build_autoencoder(16)
    >>> model.encoder(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 16])
    >>> model(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 1, 32, 32])
    """
    raise NotImplementedError("build_autoencoder: an encoder down to latent_dim numbers, a decoder back up")


def train_autoencoder(model: nn.Module, images: torch.Tensor, epochs: int, lr: float) -> nn.Module:
    r"""Train ``model`` to rebuild ``images`` from themselves for ``epochs`` passes; return the trained model.

    ``images`` is ``(N, 1, 32, 32)`` float32 in [0, 1], on the model's device; there are no labels: each
    image is its own target. The loop:

        optimizer = torch.optim.Adam(model.parameters(), lr=lr);  model.train()
        repeat epochs times:
            shuffle the images (torch.randperm(N)) and cut them into mini-batches of 32
            for each batch:
                optimizer.zero_grad()
                loss = reconstruction error between model(batch) and batch
                loss.backward();  optimizer.step()
        return model

    The reconstruction error may be the mean squared error (``nn.MSELoss()``) or the binary cross-entropy
    (``nn.BCELoss()``: the outputs are probabilities). Train for exactly ``epochs`` epochs.

    How it is graded: the grader builds your ``build_autoencoder(16)`` under a fixed seed, calls
    ``train_autoencoder(model, images, epochs=10, lr=1e-3)`` on the 1442 training digits (on one CPU thread:
    about eight seconds for the design of ``build_autoencoder``'s docstring; the limit is 120 s), then
    loads the returned model's ``state_dict()`` into a fresh ``build_autoencoder(16)`` (so train and return
    the model you are given) and rebuilds the 355 held-out test digits, which your training never sees, as
    ``model.decoder(model.encoder(x))`` in eval mode: the encoder in one process, the decoder in another that
    gets only the 16 numbers per image. Their reconstruction error, the mean squared error per
    pixel, earns full points at 0.010 or below and none at 0.040 or above (predicting the average digit
    gives 0.046), linearly in between. The design above with MSE reaches about 0.005.
    """
    raise NotImplementedError("train_autoencoder: loop over epochs and shuffled mini-batches (see the docstring)")
