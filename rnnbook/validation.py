"""Checks of user input, one message style for the whole package.

Every public function of ``rnnbook`` checks its arguments with these helpers, so bad input
is answered the same way everywhere: a ``TypeError`` for the wrong kind of container or
dtype (a list where an array goes, integers where floats go), a ``ValueError`` for a wrong
value (a size of 0, a rate of NaN, a float where a count goes, a wrong shape), and a
message that names the argument, what was expected and what came, for example::

    steps must be an integer >= 1; got 0
    x must have shape (T, B, D=8); got (5, 3, 7)
    x must be a numpy.ndarray or torch.Tensor; got list

Integers are accepted as Python or NumPy integers and booleans are refused (``True`` is
not a size); real numbers are accepted as Python or NumPy numbers and must be finite.
"""

from __future__ import annotations

import math
from typing import Any, Iterable, Optional, Sequence

import numpy as np

__all__ = [
    "check_int",
    "check_positive_int",
    "check_float",
    "check_positive_float",
    "check_probability",
    "check_choice",
    "check_bool",
    "check_dtype",
    "check_shape",
    "check_array",
    "check_tensor",
    "check_finite",
    "check_codes",
    "check_instance",
    "check_arrays_dict",
]


def _is_int(value: Any) -> bool:
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, np.integer))


def _is_real(value: Any) -> bool:
    return not isinstance(value, (bool, np.bool_)) and isinstance(
        value, (int, float, np.integer, np.floating))


def check_int(name: str, value: Any, minimum: Optional[int] = None,
              maximum: Optional[int] = None) -> int:
    """Return ``value`` as an ``int`` if it is an integer in ``[minimum, maximum]``.

    Either bound may be ``None`` (no bound). Booleans and floats are refused, even
    ``3.0``: a size or a count written as a float is usually a bug upstream. Every refusal
    is a ``ValueError`` (an integer argument's value is wrong, whatever its type).
    """
    if minimum is not None and maximum is not None:
        expected = f"an integer in [{minimum}, {maximum}]"
    elif minimum is not None:
        expected = f"an integer >= {minimum}"
    elif maximum is not None:
        expected = f"an integer <= {maximum}"
    else:
        expected = "an integer"
    if not _is_int(value):
        raise ValueError(f"{name} must be {expected}; got {value!r} ({type(value).__name__})")
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {expected}; got {value!r}")
    return int(value)


def check_positive_int(name: str, value: Any, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` if it is an integer of at least ``minimum`` (1).

    Raises ``ValueError("steps must be an integer >= 1; got 0")``, also for a boolean, a
    float or anything else that is not an integer.
    """
    return check_int(name, value, minimum=minimum)


def check_float(name: str, value: Any, minimum: Optional[float] = None,
                maximum: Optional[float] = None, *, open_minimum: bool = False) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number in the stated range.

    ``open_minimum=True`` excludes ``minimum`` itself (``> minimum`` instead of ``>=``).
    Every refusal is a ``ValueError``, as for :func:`check_int`.
    """
    low = "" if minimum is None else (f"> {minimum}" if open_minimum else f">= {minimum}")
    high = "" if maximum is None else f"<= {maximum}"
    if minimum == 0 and open_minimum and maximum is None:
        expected = "a positive finite number"
    else:
        expected = "a finite number" + (" " if low or high else "") + " and ".join(
            s for s in (low, high) if s)
    if not _is_real(value):
        raise ValueError(f"{name} must be {expected}; got {value!r} ({type(value).__name__})")
    v = float(value)
    if not math.isfinite(v) or (minimum is not None and (v <= minimum if open_minimum else v < minimum)) \
            or (maximum is not None and v > maximum):
        raise ValueError(f"{name} must be {expected}; got {value!r}")
    return v


def check_positive_float(name: str, value: Any) -> float:
    """Return ``value`` as a ``float`` if it is a positive, finite real number.

    Raises ``ValueError("lr must be a positive finite number; got nan")`` for zero, negatives,
    NaN, infinities, booleans, strings and other non-numbers.
    """
    return check_float(name, value, 0.0, open_minimum=True)


def check_probability(name: str, value: Any) -> float:
    """Return ``value`` as a ``float`` if it is a number in [0, 1]."""
    return check_float(name, value, 0.0, 1.0)


def check_choice(name: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``; the message lists them."""
    choices = tuple(choices)
    try:
        ok = value in choices
    except TypeError:       # an unhashable or incomparable value
        ok = False
    if not ok:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` if it is a ``bool`` (NumPy booleans included)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r} ({type(value).__name__})")
    return bool(value)


def check_dtype(dtype: Any) -> np.dtype:
    """Return ``dtype`` as a NumPy floating dtype; only float32 and float64 are accepted."""
    if dtype is None:  # np.dtype(None) would silently mean float64
        raise TypeError("dtype must be float32 or float64; got None")
    try:
        dt = np.dtype(dtype)
    except TypeError as exc:
        raise TypeError(f"dtype must be float32 or float64; got {dtype!r}") from exc
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise TypeError(f"dtype must be float32 or float64; got {dt}")
    return dt


def check_shape(name: str, value: Any, shape: Sequence[tuple], *, kind: str = "any",
                dtype: Any = None, floating: bool = False) -> Any:
    """Check that ``value`` is an array or tensor of the given shape and return it.

    Parameters
    ----------
    name : str
        The argument's name, for the message.
    value : numpy.ndarray or torch.Tensor
    shape : sequence
        One ``(symbol, size)`` pair per dimension: ``size`` is an int that must match, ``None`` for any
        size; the symbol names the dimension in the message, as in ``(T, B, D=8)``.
    kind : str
        Which container is accepted: ``"any"``, ``"array"`` or ``"tensor"``.
    dtype : optional
        A NumPy dtype the array must have (arrays only).
    floating : bool
        Require a floating-point dtype.
    """
    import torch  # a light import once torch is loaded; rnnbook.scratch works without it otherwise

    accepted = {"any": (np.ndarray, torch.Tensor), "array": (np.ndarray,), "tensor": (torch.Tensor,)}[kind]
    names = {"any": "a numpy.ndarray or torch.Tensor", "array": "a numpy.ndarray",
             "tensor": "a torch.Tensor"}[kind]
    if not isinstance(value, accepted):
        raise TypeError(f"{name} must be {names}; got {type(value).__name__}")
    expected = ", ".join(sym if size is None else f"{sym}={size}" for sym, size in shape)
    ok = value.ndim == len(shape) and all(
        size is None or value.shape[k] == size for k, (_, size) in enumerate(shape))
    if not ok:
        raise ValueError(f"{name} must have shape ({expected}); got {tuple(value.shape)}")
    if dtype is not None and isinstance(value, np.ndarray) and value.dtype != np.dtype(dtype):
        raise TypeError(f"{name} must have dtype {np.dtype(dtype)}; got {value.dtype}")
    if floating:
        is_float = (value.is_floating_point() if isinstance(value, torch.Tensor)
                    else np.issubdtype(value.dtype, np.floating))
        if not is_float:
            raise TypeError(f"{name} must have a floating-point dtype; got {value.dtype}")
    return value


def check_array(name: str, value: Any, shape: Sequence[tuple], dtype: Any = None) -> np.ndarray:
    """:func:`check_shape` for NumPy arrays only (``x must be a numpy.ndarray; got list``)."""
    return check_shape(name, value, shape, kind="array", dtype=dtype)


def check_tensor(name: str, value: Any, shape: Sequence[tuple], *, floating: bool = False) -> Any:
    """:func:`check_shape` for torch tensors only (``h must be a torch.Tensor; got tuple``)."""
    return check_shape(name, value, shape, kind="tensor", floating=floating)


def check_finite(name: str, value: Any) -> Any:
    """Raise ``ValueError`` if an array or tensor holds NaN or infinity; return it."""
    if not hasattr(value, "shape") or not hasattr(value, "dtype"):
        raise TypeError(f"{name} must be a numpy.ndarray or torch.Tensor; got {type(value).__name__}")
    bad = (~np.isfinite(value)).any() if isinstance(value, np.ndarray) else (
        not bool(value.isfinite().all()))
    if bad:
        raise ValueError(f"{name} must hold finite values only; got NaN or infinity")
    return value


def check_codes(name: str, codes: Any, size: int) -> np.ndarray:
    """Return ``codes`` as an int64 array if every entry is an integer in [0, size).

    Lists, NumPy arrays and tensors are accepted; floats (even ``1.0``), booleans and
    codes out of range are refused, so no code is silently truncated or wrapped around.
    """
    arr = codes.detach().cpu().numpy() if hasattr(codes, "detach") else np.asarray(codes)
    if arr.dtype == object or arr.dtype.kind not in "iu":
        if arr.size == 0:
            return arr.astype(np.int64)
        raise TypeError(f"{name} must hold integer codes; got dtype {arr.dtype}")
    if arr.size and (arr.min() < 0 or arr.max() >= size):
        raise ValueError(f"{name} must hold codes in [0, {size}); got values from "
                         f"{arr.min()} to {arr.max()}")
    return arr.astype(np.int64)


def check_instance(name: str, value: Any, cls: Any, what: Optional[str] = None) -> Any:
    """Return ``value`` if it is an instance of ``cls`` (a class or a tuple of classes)."""
    if not isinstance(value, cls):
        if what is None:
            classes = cls if isinstance(cls, tuple) else (cls,)
            what = " or ".join(f"{c.__module__.replace('torch.nn.modules.module', 'torch.nn')}.{c.__name__}"
                               if c.__module__ != "builtins" else c.__name__ for c in classes)
        raise TypeError(f"{name} must be a {what}; got {type(value).__name__}")
    return value


def check_arrays_dict(name: str, value: Any) -> dict:
    """Return ``value`` if it is a dict of NumPy arrays (parameters or gradients by name)."""
    if not isinstance(value, dict) or not all(isinstance(v, np.ndarray) for v in value.values()):
        got = type(value).__name__ if not isinstance(value, dict) else "a dict with other values"
        raise TypeError(f"{name} must be a dict of numpy arrays (by parameter name); got {got}")
    return value
