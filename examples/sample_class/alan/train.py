"""Training a convolutional network: LeNet-5 on handwritten digits.

Fill in the functions below, then run ``autograder check`` to see how they do.

The data: ``datasets/digits/`` holds scikit-learn's 1797 handwritten digits as 32x32 grayscale PNG files
in torchvision's ``ImageFolder`` layout (``train/<digit>/*.png``: 1442 images, ``test/<digit>/*.png``:
355 images). To try your code on it::

    import torch
    from torchvision import datasets, transforms

    to_tensor = transforms.Compose([transforms.Grayscale(), transforms.ToTensor()])  # (1, 32, 32) in [0, 1]
    train_set = datasets.ImageFolder("datasets/digits/train", transform=to_tensor)
    train_loader = torch.utils.data.DataLoader(train_set, batch_size=32, shuffle=True)
    model = train(build_lenet(10), train_loader, epochs=10)
"""

from __future__ import annotations

import torch
from torch import nn


def build_lenet(num_classes: int) -> nn.Module:
    r"""LeNet-5 for ``(B, 1, 32, 32)`` grayscale images: returns a new, untrained ``nn.Module``.

    Layers, in order (the shapes are those of one image):

        (1, 32, 32)  -> Conv2d(1, 6, kernel_size=5)   -> (6, 28, 28)  -> activation -> 2x2 pooling -> (6, 14, 14)
        (6, 14, 14)  -> Conv2d(6, 16, kernel_size=5)  -> (16, 10, 10) -> activation -> 2x2 pooling -> (16, 5, 5)
        flatten      -> 16 * 5 * 5 = 400 features
        400 -> Linear(400, 120) -> activation -> Linear(120, 84) -> activation -> Linear(84, num_classes)

    No padding: this is the original 32x32 LeNet (the 28x28 MNIST variant pads its first convolution by 2
    and would flatten 16 * 6 * 6 = 576 features here). Choose the activation (ReLU, or tanh as in 1998)
    and the pooling (max or average); they have no parameters. The output is one logit per class,
    ``(B, num_classes)``, with no softmax: ``nn.CrossEntropyLoss`` applies it.

    Parameter count for 10 classes: 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
    (a ``Conv2d(c_in, c_out, 5)`` has ``c_out * (c_in * 25 + 1)``, a ``Linear(n, m)`` has ``m * (n + 1)``).

    >>> model = build_lenet(10)
    >>> model(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 10])
    >>> sum(p.numel() for p in model.parameters())
    61706
    """
    raise NotImplementedError("build_lenet: stack the layers listed in the docstring")


def train(model: nn.Module, train_loader: torch.utils.data.DataLoader, epochs: int) -> nn.Module:
    r"""Train ``model`` on ``train_loader`` for ``epochs`` passes over the data; return the trained model.

    ``train_loader`` yields batches ``(images, labels)``: ``images`` is ``(B, 1, 32, 32)`` float32 in
    [0, 1], ``labels`` is ``(B,)`` int64 class indices; its batches are already shuffled. The classic loop:

        loss_fn = nn.CrossEntropyLoss();  optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()
        repeat epochs times, for each (images, labels) in train_loader:
            optimizer.zero_grad()                        # gradients add up otherwise
            loss = loss_fn(model(images), labels)        # logits (B, C) against class indices (B,)
            loss.backward()                              # d loss / d parameter, into p.grad
            optimizer.step()                             # p <- p - update(p.grad)
        return model

    Move each batch to the model's device (``next(model.parameters()).device``) if they may differ.
    Train for exactly ``epochs`` epochs.

    How it is graded: the grader builds your ``build_lenet(10)`` under a fixed seed, calls
    ``train(model, train_loader, epochs=10)`` (batches of 32, on one CPU thread: five seconds on an idle
    machine; the limit is 90 s), then scores the trained model's predictions on the 355 held-out test
    images, which your code never sees. Accuracy 0.90 or more earns full points, 0.50 or less none, and
    points grow linearly in between (0.70 earns half). LeNet-5 with Adam at ``lr=1e-3`` reaches about 0.97.
    """
    raise NotImplementedError("train: loop over the epochs and batches, as in the docstring")
