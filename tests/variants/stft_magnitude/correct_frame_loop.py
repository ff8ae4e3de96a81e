"""One torch.fft.rfft per frame (all signals of the batch at once), stacked along the last axis."""
import torch


def stft_magnitude(signal, n_fft, hop_length, window):
    if signal.shape[-1] < n_fft:
        raise RuntimeError("signal shorter than one frame")
    columns = []
    for start in range(0, signal.shape[-1] - n_fft + 1, hop_length):
        frame = signal[..., start:start + n_fft]
        if window is not None:
            frame = frame * window
        columns.append(torch.fft.rfft(frame).abs())
    return torch.stack(columns, dim=-1)
