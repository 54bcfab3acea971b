"""Language-model, regression and classification metrics (chapters 5 and 6): bits per
character, mean squared error, its ratio to a baseline, accuracy."""

from __future__ import annotations

import numpy as _np

__all__ = ["bits_per_character", "mse", "mse_vs_baseline", "accuracy"]


def bits_per_character(logits: _np.ndarray, targets: _np.ndarray) -> float:
    """Mean negative log2-probability of the target characters: bits per character.

    .. math:: \\mathrm{bpc} = -\\frac{1}{N} \\sum_{n=1}^{N} \\log_2 \\operatorname{softmax}(s_n)_{y_n}

    A model that predicts every one of V characters with probability 1/V scores
    :math:`\\log_2 V`; the cross-entropy loss in nats divided by :math:`\\ln 2` is the same number.

    Shapes
    ------
    logits : (..., V) unnormalised scores (NumPy or torch); targets : (...) integer codes.
    """
    s = _np.asarray(logits.detach().cpu() if hasattr(logits, "detach") else logits, dtype=_np.float64)
    y = _np.asarray(targets.detach().cpu() if hasattr(targets, "detach") else targets)
    if s.ndim < 1 or s.shape[:-1] != y.shape:
        raise ValueError(f"logits must have shape targets.shape + (V,) = {y.shape} + (V,); got {s.shape}")
    if y.size == 0:
        raise ValueError("targets must not be empty")
    if not _np.issubdtype(y.dtype, _np.integer) or y.min() < 0 or y.max() >= s.shape[-1]:
        raise ValueError(f"targets must be integer codes in 0..{s.shape[-1] - 1}; got dtype {y.dtype}")
    s = s.reshape(-1, s.shape[-1])  # (N, V)
    y = y.reshape(-1)  # (N,)
    m = s.max(axis=1, keepdims=True)
    log_z = m[:, 0] + _np.log(_np.exp(s - m).sum(axis=1))  # log-sum-exp, (N,)
    nats = log_z - s[_np.arange(len(y)), y]
    return float(nats.mean() / _np.log(2.0))


def _numbers(name: str, value) -> _np.ndarray:
    raw = _np.asarray(value.detach().cpu() if hasattr(value, "detach") else value)
    if raw.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold numbers; got {type(value).__name__} of dtype {raw.dtype}")
    out = raw.astype(_np.float64)
    if not _np.all(_np.isfinite(out)):
        raise ValueError(f"{name} must hold finite values only; got NaN or infinity")
    return out


def _pair(name_a: str, a, name_b: str, b) -> tuple:
    a, b = _numbers(name_a, a), _numbers(name_b, b)
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape; got {a.shape} and {b.shape}")
    if a.size == 0:
        raise ValueError(f"{name_a} must not be empty")
    return a, b


def mse(prediction, target) -> float:
    """Mean squared error :math:`\\frac1N \\sum_n (\\hat y_n - y_n)^2`. Shapes: equal shapes -> float."""
    p, y = _pair("prediction", prediction, "target", target)
    return float(_np.mean((p - y) ** 2))


def mse_vs_baseline(prediction, target, baseline) -> tuple:
    """MSE of a model, MSE of a trivial baseline, and their ratio (below 1: the model is better).

    ``baseline`` holds the baseline's predictions (for example the last observed value:
    persistence; or a constant). Shapes: three arrays of equal shape -> ``(mse, mse_baseline,
    ratio)``.
    """
    p, y = _pair("prediction", prediction, "target", target)
    q, _ = _pair("baseline", baseline, "target", target)
    model, base = float(_np.mean((p - y) ** 2)), float(_np.mean((q - y) ** 2))
    if base == 0.0:
        raise ValueError("baseline must not be perfect (its MSE is 0, so the ratio is undefined)")
    return model, base, model / base


def accuracy(prediction, target) -> float:
    """Share of positions where ``prediction`` equals ``target`` (labels or booleans).

    Shapes: equal shapes -> float in [0, 1].
    """
    p = _np.asarray(prediction.detach().cpu() if hasattr(prediction, "detach") else prediction)
    y = _np.asarray(target.detach().cpu() if hasattr(target, "detach") else target)
    if p.shape != y.shape:
        raise ValueError(f"prediction and target must have the same shape; got {p.shape} and {y.shape}")
    if p.size == 0:
        raise ValueError("prediction must not be empty")
    for name, a in (("prediction", p), ("target", y)):
        if a.dtype.kind == "f":
            raise TypeError(f"{name} must hold labels (integers or booleans), not scores; got dtype "
                            f"{a.dtype} (take the argmax or threshold the scores first)")
        if a.dtype.kind not in "biuU":
            raise TypeError(f"{name} must hold labels (integers, booleans or strings); got dtype {a.dtype}")
    return float(_np.mean(p == y))
