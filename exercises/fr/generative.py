"""Modèles génératifs : les fonctions de perte des GAN, et l'échantillonnage d'un modèle de diffusion entraîné.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir où elles en sont.
"""

import torch


def gan_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    r"""La fonction de perte du discriminateur d'un GAN, à partir de ses scores bruts (logits, avant toute
    sigmoïde).

    Le discriminateur D doit répondre 1 (« réel ») sur les données réelles et 0 (« faux ») sur les données
    générées. Avec D(x) = sigmoid(logit), l'entropie croisée binaire contre ces étiquettes donne

        loss = mean(-log sigmoid(real_logits)) + mean(-log(1 - sigmoid(fake_logits)))

    c'est-à-dire BCE(real, 1) + BCE(fake, 0) : la *somme* des deux moyennes, chacune prise sur son propre
    tenseur (les deux peuvent contenir des nombres de logits différents, p. ex. ``(B,)``, ``(B, 1)`` ou les
    cartes PatchGAN ``(B, 1, H, W)``). Renvoie un tenseur 0-d du dtype des logits.

    Elle doit rester exacte pour tout logit, 1000 et -1000 compris. ``sigmoid(-1000)`` vaut 0 en virgule
    flottante et son log vaut -inf : ne prenez donc pas le log d'une sigmoïde, utilisez les identités

        -log sigmoid(x)      = softplus(-x)
        -log(1 - sigmoid(x)) = softplus(x)
        softplus(x)          = log(1 + exp(x)) = max(x, 0) + log(1 + exp(-|x|))

    (la dernière forme ne prend jamais l'``exp`` d'un grand nombre, qui déborde lui aussi). ``softplus`` et
    ``logsigmoid`` de ``torch.nn.functional`` sont permis ; ``binary_cross_entropy_with_logits``,
    ``nn.BCEWithLogitsLoss`` et les pertes soft-margin calculent toute la perte en un seul appel : c'est
    précisément ce que vous écrivez ici, ils sont donc interdits.

    Exemple : real_logits = [2., 0.], fake_logits = [-1.] :
    mean(softplus(-2), softplus(0)) + softplus(-1) = (0.12693 + 0.69315) / 2 + 0.31326 = 0.72330.
    """
    raise NotImplementedError("gan_discriminator_loss : BCE(real, 1) + BCE(fake, 0) depuis les logits, avec softplus")


def gan_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    r"""La fonction de perte non saturante du générateur d'un GAN, à partir des logits du discriminateur sur
    les données générées.

    Le générateur veut que ses échantillons soient pris pour des vrais ; il minimise donc BCE(fake, 1) :

        loss = mean(-log sigmoid(fake_logits)) = mean(softplus(-fake_logits))

    (la forme minimax originale, mean(log(1 - sigmoid(fake_logits))), n'a presque pas de gradient au début
    de l'entraînement, quand le discriminateur rejette chaque faux avec assurance : elle sature). Mêmes
    conventions que ``gan_discriminator_loss`` : n'importe quelle forme, un résultat 0-d du dtype des
    logits, exact pour des logits de +-1000.

    Exemple : fake_logits = [-1., 3.] : (softplus(1) + softplus(-3)) / 2 = (1.31326 + 0.04859) / 2 = 0.68092.
    """
    raise NotImplementedError("gan_generator_loss : BCE(fake, 1) depuis les logits, avec softplus")


def predict_x0(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
               alphas_cumprod: torch.Tensor) -> torch.Tensor:
    r"""L'échantillon propre x0 qu'impliquent un échantillon bruité x_t et le bruit eps qu'un modèle y prédit.

    Le processus direct a produit x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * eps ; résolu en x0 :

        x0 = (x_t - sqrt(1 - abar_t) * eps) / sqrt(abar_t)

    - ``x_t``, ``eps`` : la même forme ``(B, ...)`` : ``(B,)``, ``(B, D)``, ``(B, C, H, W)``, n'importe
      quelles dimensions finales.
    - ``t`` : un int Python (tous les éléments du lot à la même étape, comme dans une boucle
      d'échantillonnage), ou un tenseur long ``(B,)`` (une étape par élément du lot, comme à
      l'entraînement) ; un indice dans ``alphas_cumprod`` (à partir de 0).
    - ``alphas_cumprod`` : tenseur ``(T,)`` des abar_t = prod_{s <= t} (1 - beta_s).

    Avec un ``t`` tenseur, l'élément b utilise abar en ``t[b]`` pour toutes ses valeurs : les coefficients
    ``(B,)`` doivent se diffuser sur tous les axes après le premier. Le résultat a la forme et le dtype de
    ``x_t`` (le calendrier peut être en float64 alors que les données sont en float32).

    Exemple : ``alphas_cumprod = [0.64, 0.36]``, ``t = 1``, ``x_t = [[1.0, -0.8]]``, ``eps = [[0.5, 0.5]]`` :
    x0 = (x_t - 0.8 * eps) / 0.6 = ``[[1.0, -2.0]]``.
    """
    raise NotImplementedError("predict_x0 : prendre abar en t, le diffuser sur x_t, résoudre le processus direct en x0")


def ddpm_step(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
              noise: torch.Tensor) -> torch.Tensor:
    r"""Une étape de l'échantillonneur ancestral de DDPM (Ho et al., 2020, algorithme 2) : x_{t-1} à partir
    de x_t.

    Avec alpha_t = 1 - beta_t et abar_t = alpha_0 * ... * alpha_t :

        x_{t-1} = 1 / sqrt(alpha_t) * (x_t - beta_t / sqrt(1 - abar_t) * eps) + sigma_t * noise

    avec sigma_t = sqrt(beta_t) (le choix de l'article, sigma_t^2 = beta_t), sauf à la dernière étape,
    t = 0, qui n'ajoute pas de bruit (sigma_0 = 0 : la sortie est l'échantillon final).

    - ``x_t``, ``eps`` (le bruit prédit par le modèle), ``noise`` (un tirage normal standard, fourni pour
      que le résultat soit déterministe) : la même forme ``(B, ...)``.
    - ``t`` : un int Python, ou un tenseur long ``(B,)`` d'une étape par élément du lot (certains éléments
      peuvent alors être à t = 0 et d'autres non) ; à partir de 0 : ``betas[0]`` est le beta_1 de l'article
      et t = 0 son t = 1.
    - ``betas`` : calendrier de bruit ``(T,)``. Le résultat a la forme et le dtype de ``x_t``.

    Prenez beta_t et alpha_t dans ``betas`` comme ci-dessus. La forme par la moyenne a posteriori
    (l'équation 7 de l'article, via ``predict_x0``) est égale en arithmétique exacte, mais en float32 elle
    divise par 1 - abar_t, une différence de nombres proches de 1 aux premiers t, et y perd plusieurs
    chiffres.

    Exemple : ``betas = [0.36, 0.4375]``, ``x_t = [[1.0]]``, ``eps = [[0.8]]``, ``noise = [[2.0]]``.
    t = 1 : alpha = 0.5625, abar = 0.36, donc (1 - 0.4375 / 0.8 * 0.8) / 0.75 + sqrt(0.4375) * 2 = 2.0729.
    t = 0 : (1 - 0.36 / 0.6 * 0.8) / 0.8 = 0.65, sans bruit.
    """
    raise NotImplementedError("ddpm_step : la moyenne de l'algorithme 2, plus sqrt(beta_t) * noise sauf en t = 0")


def classifier_free_guidance(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                             guidance_scale: float | torch.Tensor) -> torch.Tensor:
    r"""Le guidage sans classifieur (classifier-free guidance) : combiner les prédictions de bruit d'un
    modèle avec et sans la condition.

        eps = eps_uncond + w * (eps_cond - eps_uncond)

    w = 0 donne la prédiction non conditionnelle, w = 1 la prédiction conditionnelle, et w > 1 (7.5 dans
    Stable Diffusion) pousse l'échantillon plus loin dans la direction de la condition.

    - ``eps_uncond``, ``eps_cond`` : la même forme ``(B, ...)``.
    - ``guidance_scale`` : un float Python (un seul w pour tous), ou un tenseur ``(B,)`` d'un w par élément
      du lot, qui doit se diffuser sur tous les axes après le premier.
    Le résultat a la forme et le dtype de ``eps_cond``.

    Exemple : ``eps_uncond = [0., 1.]``, ``eps_cond = [1., 1.]``, w = 7.5 : ``[7.5, 1.0]``.
    """
    raise NotImplementedError("classifier_free_guidance : eps_uncond + w * (eps_cond - eps_uncond)")
