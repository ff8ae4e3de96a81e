"""Caractéristiques audio : spectrogrammes, bancs de filtres mel et coefficients cepstraux (MFCC).

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.
"""

import torch


def stft_magnitude(signal: torch.Tensor, n_fft: int, hop_length: int, window: torch.Tensor | None) -> torch.Tensor:
    r"""Le module de la transformée de Fourier à court terme (TFCT), comme
    ``torch.stft(signal, n_fft, hop_length, window=window, center=False, return_complex=True).abs()``.

    1. Trames : la trame t est ``signal[t * hop_length : t * hop_length + n_fft]`` pour t = 0 .. T - 1, avec
       T = 1 + (L - n_fft) // hop_length. Aucun remplissage : les échantillons qui suivent la dernière trame
       complète sont abandonnés.
    2. Fenêtre : multipliez chaque trame, élément par élément, par ``window`` (de longueur ``n_fft``) ;
       ``None`` désigne une fenêtre rectangulaire (que des uns).
    3. FFT réelle de chaque trame fenêtrée x_t :  X[k, t] = sum_n x_t[n] exp(-2πi k n / n_fft)  pour
       k = 0 .. n_fft // 2 (les autres cases fréquentielles sont les conjuguées complexes de celles-ci).
    4. Le module |X[k, t]|.

    Formes : un signal ``(L,)`` donne ``(n_fft // 2 + 1, T)``, un lot ``(B, L)`` donne
    ``(B, n_fft // 2 + 1, T)`` : la fréquence avant le temps, comme ``torch.stft``. Le dtype est celui du
    signal (float32 donne float32, float64 donne float64). Un signal plus court que ``n_fft`` n'a aucune
    trame : levez ``RuntimeError``, comme le fait ``torch.stft`` (``Tensor.unfold`` la lève pour vous).

    Utile : ``Tensor.unfold``, ``torch.fft.rfft``. Pas ``torch.stft`` : c'est précisément l'exercice. Les
    valeurs sont comparées avec rtol 1e-5 et atol 2e-4, si bien qu'une TFD écrite comme un produit matriciel
    en float32 est acceptée elle aussi.

    Exemple : ``signal = [1., 2., 3., 4., 5., 6.]``, ``n_fft = 4``, ``hop_length = 2``, ``window = None`` :
    les trames [1, 2, 3, 4] et [3, 4, 5, 6] ; rfft([1, 2, 3, 4]) = [10, -2 + 2i, -2], rfft([3, 4, 5, 6]) =
    [18, -2 + 2i, -2] ; résultat ``[[10., 18.], [2.8284, 2.8284], [2., 2.]]`` (forme (3, 2)).
    """
    raise NotImplementedError("stft_magnitude : découper le signal en trames, les fenêtrer, rfft, puis abs")


def mel_filterbank(n_freqs: int, n_mels: int, sample_rate: int, f_min: float = 0.0,
                   f_max: float | None = None) -> torch.Tensor:
    r"""Des filtres triangulaires sur l'échelle mel (celle de HTK), comme la fonction de torchaudio
    ``melscale_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate, norm=None, mel_scale="htk")``.

        mel(f) = 2595 log10(1 + f / 700)
        f(m)   = 700 (10^(m / 2595) - 1)        (sa réciproque)

    1. Les cases fréquentielles (bins) de la FFT : ``n_freqs`` fréquences régulièrement espacées de 0 à
       ``sample_rate // 2`` Hz, bornes comprises (division entière, comme torchaudio :
       ``torch.linspace(0, sample_rate // 2, n_freqs)``).
    2. ``f_max=None`` signifie ``sample_rate // 2``. Les sommets des triangles : n_mels + 2 points
       régulièrement espacés en mel de mel(f_min) à mel(f_max), reconvertis en Hz : p_0 < p_1 < ... < p_{n_mels + 1}.
    3. Le filtre m (m = 0 .. n_mels - 1) monte de 0 en p_m à 1 en p_{m+1}, puis redescend à 0 en p_{m+2} :

           weight[f, m] = max(0, min((f - p_m) / (p_{m+1} - p_m), (p_{m+2} - f) / (p_{m+2} - p_{m+1})))

       pour une case de fréquence f. Aucune normalisation : un filtre n'atteint 1 que là où une case tombe
       exactement sur son pic, et un filtre plus étroit que l'écart entre deux cases peut être entièrement nul.

    Renvoie un tenseur float32 de forme ``(n_freqs, n_mels)`` : la colonne m est le filtre m, de sorte qu'un
    spectrogramme ``(..., n_freqs)`` multiplié par le banc de filtres donne les énergies mel ``(..., n_mels)``
    (``librosa.filters.mel`` renvoie la transposée, avec ses propres fréquences de cases). Levez
    ``ValueError`` si ``f_min >= f_max``. Les valeurs sont comparées avec une tolérance absolue de 3e-4
    (torchaudio calcule en float32).

    Exemple : ``mel_filterbank(5, 1, 16000)`` : cases à [0, 2000, 4000, 6000, 8000] Hz ; mel(8000) = 2840.02,
    donc les sommets sont à 0, 1420.01 et 2840.02 mel, soit 0, 1767.79 et 8000 Hz. Le filtre monte jusqu'à
    1767.79 Hz, puis descend selon (8000 - f) / (8000 - 1767.79) : ``[[0.], [0.9627], [0.6418], [0.3209], [0.]]``.
    """
    raise NotImplementedError("mel_filterbank : fréquences des cases, sommets espacés en mel, puis les triangles")


def dct_matrix(n_out: int, n_in: int) -> torch.Tensor:
    r"""La matrice de la transformée en cosinus discrète (DCT) de type II orthonormée : ``n_out`` lignes de la
    base des cosinus sur ``n_in`` points.

        D[k, n] = s_k cos(pi k (2 n + 1) / (2 n_in))      k = 0 .. n_out - 1,  n = 0 .. n_in - 1
        s_0     = sqrt(1 / n_in)
        s_k     = sqrt(2 / n_in)                          pour k >= 1

    La ligne k est le vecteur de base k, donc ``dct_matrix(n, n) @ x`` est la DCT-II orthonormée de x, ce que
    calcule ``scipy.fft.dct(x, type=2, norm="ortho")``. Les facteurs s_k rendent les lignes orthonormées :
    ``dct_matrix(n, n) @ dct_matrix(n, n).T`` est l'identité (la formule brute, sans s_k, correspond au
    ``norm=None`` de scipy, qui double chaque ligne et ne réduit pas la ligne 0). La ligne 0 est constante :
    elle mesure la moyenne.

    Renvoie un tenseur float32 de forme ``(n_out, n_in)`` (``create_dct(n_out, n_in, "ortho")`` de torchaudio
    renvoie sa transposée). Levez ``ValueError`` si l'on n'a pas 1 <= n_out <= n_in : une base de n_in points
    compte n_in vecteurs. Les valeurs sont comparées avec une tolérance absolue de 5e-5 (un angle
    ``pi k (2n + 1) / (2 n_in)`` calculé en float32 perd quelques chiffres quand k et n sont grands ; calculer
    l'angle en float64 évite cette perte).

    Exemple : deux points donnent leur somme et leur différence, multipliées par 1 / sqrt(2) :

    >>> dct_matrix(2, 2)
    tensor([[ 0.7071,  0.7071],
            [ 0.7071, -0.7071]])
    """
    raise NotImplementedError("dct_matrix : le cosinus de pi k (2n + 1) / (2 n_in), chaque ligne multipliée par s_k")


def mfcc(waveform: torch.Tensor, sample_rate: int, n_mfcc: int = 13, n_fft: int = 400, hop_length: int = 160,
         n_mels: int = 40) -> torch.Tensor:
    r"""Les coefficients cepstraux (MFCC) sur l'échelle mel : la DCT du logarithme du spectre de puissance mel
    de chaque trame.

    1. Spectre de puissance : les trames, la fenêtre et la FFT réelle de ``stft_magnitude``, avec une fenêtre
       de Hann périodique, ``torch.hann_window(n_fft)``, puis le carré : P[f, t] = |X[f, t]|^2,
       f = 0 .. n_fft // 2, t = 0 .. T - 1, T = 1 + (L - n_fft) // hop_length (ni centrage, ni remplissage ;
       un signal plus court que ``n_fft`` lève ``RuntimeError``, comme dans ``stft_magnitude``).
    2. Énergies mel : M[m, t] = somme sur f de  fb[f, m] P[f, t], avec
       ``fb = mel_filterbank(n_fft // 2 + 1, n_mels, sample_rate)`` (échelle mel de HTK, f_min = 0,
       f_max = sample_rate // 2, aucune normalisation).
    3. Logarithme : le logarithme népérien, avec un décalage pour que le silence donne une valeur finie :
       log(M[m, t] + 1e-6).
    4. DCT : les ``n_mfcc`` premiers coefficients de la DCT-II orthonormée des n_mels log-énergies de chaque
       trame : C[k, t] = somme sur m de  D[k, m] log(M[m, t] + 1e-6), avec ``D = dct_matrix(n_mfcc, n_mels)``.

    C'est le ``MFCC(sample_rate, n_mfcc, dct_type=2, norm="ortho", log_mels=True,
    melkwargs=dict(n_fft=n_fft, hop_length=hop_length, n_mels=n_mels, center=False, power=2.0,
    mel_scale="htk", norm=None))`` de torchaudio (et, appliqué à ce spectrogramme mel logarithmique avec
    ``dct_type=2, norm="ortho"``, le ``feature.mfcc`` de librosa). Les trois fonctions ci-dessus en sont les
    briques : réutilisez-les.

    Formes : une forme d'onde ``(L,)`` donne ``(n_mfcc, T)``, un lot ``(B, L)`` donne ``(B, n_mfcc, T)`` :
    les coefficients avant le temps, comme torchaudio. Le dtype est celui de la forme d'onde : calculez dans
    ce dtype (les filtres mel et la matrice de DCT ci-dessus sont en float32 ; convertissez-les pour une forme
    d'onde en float64). Levez ``ValueError`` si ``n_mfcc > n_mels``. Les valeurs sont comparées avec rtol 1e-4
    et atol 1e-3 : un logarithme amplifie les erreurs d'arrondi des bandes de faible énergie. torchaudio,
    librosa et scipy ne peuvent pas être importés ici.

    Exemple : le silence. Chaque énergie mel vaut 0, chaque log-énergie vaut ln(1e-6) = -13.8155 ; la DCT d'un
    vecteur constant n'a que son coefficient 0, sqrt(40) * -13.8155 = -87.3770 (une seule trame de 400
    échantillons, donc T = 1) :

    >>> mfcc(torch.zeros(400), 16000, n_mfcc=1)
    tensor([[-87.3770]])
    """
    raise NotImplementedError("mfcc : spectre de puissance, filtres mel, log(. + 1e-6), puis n_mfcc lignes de la DCT")
