"""Modèles de diffusion.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir où elles en sont.
"""

import torch


def linear_beta_schedule(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    r"""Le calendrier de bruit linéaire de DDPM (Ho et al., 2020).

    L'étape t du processus direct ajoute un bruit de variance beta_t. DDPM répartit les ``timesteps`` bêtas
    régulièrement de ``beta_start`` à ``beta_end``, *les deux bornes comprises* :

        beta_i = beta_start + i * (beta_end - beta_start) / (timesteps - 1),   i = 0 .. timesteps - 1

    (avec une seule étape, il n'y a rien à répartir : le calendrier est ``[beta_start]``).

    Renvoie un tenseur float32 de forme ``(timesteps,)``.

    Exemple : ``linear_beta_schedule(5)`` vaut
    ``[0.0001, 0.005075, 0.01005, 0.015025, 0.02]`` (pas de 0.004975).
    """
    raise NotImplementedError("linear_beta_schedule : répartir les bêtas régulièrement, les deux bornes comprises")


def cosine_beta_schedule(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    r"""Le calendrier de bruit cosinus d'improved DDPM (Nichol & Dhariwal, 2021).

    Au lieu des bêtas, ce calendrier fixe abar(t), la part de la variance du signal qui reste après t
    étapes, avec T = ``timesteps`` :

        f(t)    = cos^2( (t / T + s) / (1 + s) * pi / 2 )
        abar(t) = f(t) / f(0)                                  pour t = 0 .. T   (abar(0) = 1)
        beta_t  = min(1 - abar(t) / abar(t - 1), max_beta)     pour t = 1 .. T

    Le petit décalage ``s`` évite que les premiers bêtas soient infimes ; l'écrêtage à ``max_beta``
    empêche le dernier (où abar(T) vaut 0, si bien que le rapport donne exactement 1) de détruire le
    signal.

    Renvoie un tenseur float32 de forme ``(timesteps,)`` contenant beta_1 .. beta_T. Calculez en float64
    et convertissez à la fin, comme le fait le code de l'article : près de t = T le cosinus est proche de
    0 et l'arithmétique float32 perd plusieurs chiffres des derniers bêtas.

    Exemple : ``cosine_beta_schedule(4)`` : abar = 1, 0.84701, 0.49384, 0.14427, 0 (t = 0..4), donc les
    bêtas valent 0.15299, 0.41696, 0.70786 et 1.0, écrêté à 0.999.
    """
    raise NotImplementedError("cosine_beta_schedule : calculer abar(t) pour t = 0..T, puis les bêtas")


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    r"""Sauter directement des données propres à l'étape t du processus direct : un échantillon de q(x_t | x_0).

        x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise

    - ``x0``, ``noise`` : la même forme ``(B, ...)`` — ``(B,)``, ``(B, D)``, ``(B, C, H, W)``, n'importe
      quelles dimensions finales.
    - ``t`` : tenseur long ``(B,)``, une étape par élément du lot ; un indice dans ``alphas_cumprod``
      (à partir de 0).
    - ``alphas_cumprod`` : tenseur ``(T,)`` des abar_t = prod_{s <= t} (1 - beta_s).

    L'élément b du lot utilise abar en ``t[b]`` pour toutes ses valeurs : les coefficients ``(B,)`` doivent
    donc se diffuser sur tous les axes après le premier, quel que soit leur nombre. Le résultat a la forme
    et le dtype de ``x0`` (le calendrier peut être gardé en float64 alors que les données sont en float32).

    Exemple : ``alphas_cumprod = [0.64, 0.36]``, ``t = [1]``, ``x0 = [[1., -2.]]``, ``noise = [[0.5, 0.5]]`` :
    abar = 0.36, donc x_t = 0.6 * x0 + 0.8 * noise = ``[[1.0, -0.8]]``.
    """
    raise NotImplementedError("q_sample : prendre abar en t, le remettre en forme pour le diffuser sur x0, combiner")
