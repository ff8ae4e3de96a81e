"""Auto-encodeurs et auto-encodeurs variationnels (VAE) : faire passer des images par quelques nombres, puis
les reconstruire.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir où elles en sont.

Les données : ``datasets/digits/`` contient les 1797 chiffres manuscrits de scikit-learn, en fichiers PNG
32x32 en niveaux de gris (``train/<digit>/*.png`` : 1442 images). Pour essayer votre auto-encodeur dessus ::

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
    r"""L'astuce de reparamétrisation : un tirage de N(mu, sigma^2) écrit comme une fonction de mu et sigma.

        sigma = exp(logvar / 2)          (logvar est log sigma^2, ce que produit l'encodeur d'un VAE)
        z     = mu + sigma * eps

    ``mu``, ``logvar`` et ``eps`` ont la même forme (``(B, latent_dim)`` dans un VAE, n'importe quelle forme
    ici) et le même dtype ; ``eps`` est un bruit normal centré réduit, tiré par l'appelant
    (``torch.randn_like(mu)`` dans un VAE), de sorte que les gradients remontent jusqu'à ``mu`` et ``logvar``
    à travers une simple formule. Renvoie ``z``, de même forme et de même dtype.

    Calculez ``exp(logvar / 2)`` directement : ``sqrt(exp(logvar))`` donne le même nombre sur le papier, mais
    déborde vers ``inf`` là où ``exp(logvar)`` déborde (``logvar`` au-delà de 88 en float32, de 709 en
    float64) alors que ``sigma`` est encore fini.

    Exemple : ``mu = [0., 1.]``, ``logvar = [0., 2 * log 3]`` (sigma = 1 et 3), ``eps = [0.5, -1.]`` :
    ``z = [0 + 1 * 0.5, 1 + 3 * -1] = [0.5, -2.]``.

    >>> vae_reparameterize(torch.tensor([0.0, 1.0]), torch.tensor([0.0, 2.1972246]), torch.tensor([0.5, -1.0]))
    tensor([ 0.5000, -2.0000])
    """
    raise NotImplementedError("vae_reparameterize : mu + exp(logvar / 2) * eps")


def vae_loss(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    r"""La fonction de perte d'un VAE, telle que la calcule l'exemple VAE de PyTorch : l'entropie croisée
    binaire de la reconstruction, *sommée* sur tous les éléments du lot, plus la divergence de
    Kullback-Leibler (KL) de N(mu, sigma^2) par rapport à N(0, 1), sommée sur toutes les variables latentes
    du lot :

        BCE = -somme sur tous les éléments de [ x * log(x_recon) + (1 - x) * log(1 - x_recon) ]
        KL  = -1/2 * somme sur toutes les variables latentes de (1 + logvar - mu^2 - exp(logvar))
        loss = BCE + KL

    - ``x_recon`` : la sortie du décodeur, des probabilités dans [0, 1] (*0 et 1 compris* : une sigmoïde
      s'y arrondit en float32) ; ``x`` : les images, dans [0, 1] (niveaux de gris, ou 0/1), de même forme
      ``(B, ...)``.
    - ``mu``, ``logvar`` : les sorties de l'encodeur, ``(B, latent_dim)``, avec ``logvar = log sigma^2``.
    - Renvoie un tenseur 0-d du dtype des entrées. Des sommes, pas des moyennes : aucun des deux termes n'est
      divisé par la taille du lot ni par le nombre de pixels.
    - Comme ``torch.nn.functional.binary_cross_entropy``, bornez chaque log à -100 avant de multiplier :
      ``log(0)`` compte pour -100, si bien qu'un pixel prédit avec certitude et faux coûte 100 (pas inf), et
      un pixel prédit avec certitude et juste coûte 0 (pas ``0 * -inf = NaN``).

    Pourquoi KL a cette forme : pour une variable latente, KL(N(mu, sigma^2) || N(0, 1)) =
    (sigma^2 + mu^2 - 1 - log sigma^2) / 2, nulle exactement quand mu = 0 et sigma = 1. Elle tire le code de
    chaque image vers la loi a priori N(0, 1), de sorte que décoder un z ~ N(0, 1) tiré au hasard donne une
    image plausible.

    Exemple : une image de deux pixels ``x = [1., 0.]`` reconstruite en ``x_recon = [0.8, 0.1]``, avec
    ``mu = [[0.]]`` et ``logvar = [[0.]]`` : BCE = -(log 0.8 + log 0.9) = 0.3285, KL = 0, perte = 0.3285 ;
    avec plutôt ``mu = [[2.]]``, KL = -1/2 (1 + 0 - 4 - 1) = 2, perte = 2.3285.

    >>> x_recon, x = torch.tensor([[0.8, 0.1]]), torch.tensor([[1.0, 0.0]])
    >>> vae_loss(x_recon, x, torch.zeros(1, 1), torch.zeros(1, 1))
    tensor(0.3285)
    >>> vae_loss(x_recon, x, torch.full((1, 1), 2.0), torch.zeros(1, 1))
    tensor(2.3285)

    ``torch.nn.functional.binary_cross_entropy`` (ainsi que ``nn.BCELoss`` et
    ``binary_cross_entropy_with_logits``) et ``torch.distributions.kl_divergence`` sont interdits : écrivez
    les deux termes vous-même.
    """
    raise NotImplementedError("vae_loss : l'entropie croisée binaire sommée plus le terme KL (voir la docstring)")


def build_autoencoder(latent_dim: int) -> nn.Module:
    r"""Un auto-encodeur convolutif pour des images ``(B, 1, 32, 32)`` en niveaux de gris dans [0, 1] : un
    modèle neuf, non entraîné.

    Le contrat que vérifie le correcteur (en mode eval, sur des images et des codes aléatoires) :

    - ``model.encoder`` et ``model.decoder`` sont des attributs ``nn.Module`` (``nn.Sequential`` convient) ;
    - ``model.encoder(x)`` envoie ``x`` de forme ``(B, 1, 32, 32)`` sur des codes ``(B, latent_dim)`` : le
      goulot d'étranglement, tout ce que le décodeur saura de l'image. L'encodeur utilise ``nn.Conv2d`` ;
    - ``model.decoder(z)`` envoie des codes ``(B, latent_dim)`` sur des images ``(B, 1, 32, 32)`` et
      suréchantillonne avec ``nn.ConvTranspose2d`` (une convolution transposée). Il se termine par une
      sigmoïde, pour que chaque sortie soit dans [0, 1], aussi grand que soit z ;
    - ``model(x)`` vaut ``model.decoder(model.encoder(x))``, en float32.

    Une architecture qui s'entraîne en quelques secondes (les formes sont celles d'une image) :

        encoder: (1, 32, 32) -> Conv2d(1, 16, 3, stride=2, padding=1) -> ReLU -> (16, 16, 16)
                             -> Conv2d(16, 32, 3, stride=2, padding=1) -> ReLU -> (32, 8, 8)
                             -> flatten -> Linear(32 * 8 * 8, latent_dim)
        decoder: (latent_dim,) -> Linear(latent_dim, 32 * 8 * 8) -> ReLU -> reshape to (32, 8, 8)
                             -> ConvTranspose2d(32, 16, 4, stride=2, padding=1) -> ReLU -> (16, 16, 16)
                             -> ConvTranspose2d(16, 1, 4, stride=2, padding=1) -> Sigmoid -> (1, 32, 32)

    Un ``ConvTranspose2d`` de noyau 4, de pas 2 et de remplissage 1 double la taille :
    (8 - 1) * 2 - 2 + 4 = 16. ``nn.Flatten()`` et ``nn.Unflatten(1, (32, 8, 8))`` font les deux
    changements de forme (« flatten », « reshape to ») à l'intérieur d'un ``nn.Sequential``.

    >>> model = build_autoencoder(16)
    >>> model.encoder(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 16])
    >>> model(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 1, 32, 32])
    """
    raise NotImplementedError("build_autoencoder : un encodeur réduisant à latent_dim nombres, un décodeur qui remonte")


def train_autoencoder(model: nn.Module, images: torch.Tensor, epochs: int, lr: float) -> nn.Module:
    r"""Entraîne ``model`` à reconstruire ``images`` à partir d'elles-mêmes pendant ``epochs`` passes ;
    renvoie le modèle entraîné.

    ``images`` est ``(N, 1, 32, 32)`` en float32 dans [0, 1], sur le device du modèle ; il n'y a pas
    d'étiquettes : chaque image est sa propre cible. La boucle :

        optimizer = torch.optim.Adam(model.parameters(), lr=lr);  model.train()
        repeat epochs times:
            shuffle the images (torch.randperm(N)) and cut them into mini-batches of 32
            for each batch:
                optimizer.zero_grad()
                loss = reconstruction error between model(batch) and batch
                loss.backward();  optimizer.step()
        return model

    (À chaque époque : mélanger les images avec ``torch.randperm(N)`` et les découper en mini-lots de 32 ;
    pour chaque lot, ``loss`` est l'erreur de reconstruction entre ``model(batch)`` et ``batch``.)

    L'erreur de reconstruction peut être l'erreur quadratique moyenne (``nn.MSELoss()``) ou l'entropie
    croisée binaire (``nn.BCELoss()`` : les sorties sont des probabilités). Entraînez pendant exactement
    ``epochs`` époques.

    Comment c'est noté : le correcteur construit votre ``build_autoencoder(16)`` sous une graine fixe,
    appelle ``train_autoencoder(model, images, epochs=10, lr=1e-3)`` sur les 1442 chiffres d'entraînement
    (sur un seul thread CPU : environ huit secondes pour l'architecture de la docstring de
    ``build_autoencoder`` ; la limite est de 120 s), puis charge le ``state_dict()`` du modèle renvoyé dans
    un ``build_autoencoder(16)`` neuf (entraînez et renvoyez donc le modèle reçu) et reconstruit les 355
    chiffres de test mis de côté, que votre entraînement ne voit jamais, par
    ``model.decoder(model.encoder(x))`` en mode eval : l'encodeur dans un processus, le décodeur dans un
    autre qui ne reçoit que les 16 nombres par image. Leur erreur de
    reconstruction, l'erreur quadratique moyenne par pixel, rapporte tous les points à 0.010 ou moins et
    aucun à 0.040 ou plus (prédire le chiffre moyen donne 0.046), linéairement entre les deux.
    L'architecture ci-dessus avec la MSE atteint environ 0.005.
    """
    raise NotImplementedError("train_autoencoder : boucler sur les époques et les mini-lots mélangés (voir docstring)")
