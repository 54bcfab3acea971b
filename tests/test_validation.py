"""rnnbook.validation: one message style for every refusal of bad input."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from rnnbook.validation import (check_array, check_bool, check_dtype, check_choice, check_codes, check_finite,
                                check_float, check_int, check_positive_float, check_positive_int,
                                check_probability, check_shape, check_tensor)


def test_integers_accept_numpy_and_refuse_bools_and_floats():
    assert check_int("n", np.int64(3), minimum=1) == 3 and type(check_int("n", np.int32(3))) is int
    assert check_positive_int("steps", 5) == 5
    for bad in (True, 3.0, "3", None, [3]):
        with pytest.raises(ValueError, match=r"steps must be an integer >= 1; got"):
            check_positive_int("steps", bad)
    with pytest.raises(ValueError, match=r"steps must be an integer >= 1; got 0$"):
        check_positive_int("steps", 0)
    with pytest.raises(ValueError, match=r"k must be an integer in \[1, 8\]; got 9"):
        check_int("k", 9, minimum=1, maximum=8)
    with pytest.raises(ValueError, match=r"t must be an integer <= 4; got 5"):
        check_int("t", 5, maximum=4)


def test_floats_are_finite_and_in_range():
    assert check_positive_float("lr", np.float32(0.5)) == 0.5
    for bad in (0, -1.0, float("nan"), float("inf"), True, "0.1", None):
        with pytest.raises(ValueError, match="lr must be a positive finite number; got"):
            check_positive_float("lr", bad)
    assert check_probability("p", 1) == 1.0
    with pytest.raises(ValueError, match=r"p must be a finite number >= 0.0 and <= 1.0; got 1.5"):
        check_probability("p", 1.5)
    with pytest.raises(ValueError, match=r"tau must be a finite number > 1.0; got 1.0"):
        check_float("tau", 1.0, 1.0, open_minimum=True)


def test_choices_and_bools():
    assert check_choice("kind", "lstm", ("rnn", "lstm")) == "lstm"
    with pytest.raises(ValueError, match="kind must be one of 'rnn', 'lstm'; got 'LSTM'"):
        check_choice("kind", "LSTM", ("rnn", "lstm"))
    with pytest.raises(ValueError, match="kind must be one of"):
        check_choice("kind", ["lstm"], ("rnn", "lstm"))      # unhashable: refused, not a crash
    assert check_bool("flag", np.bool_(True)) is True
    with pytest.raises(TypeError, match="flag must be True or False; got 1"):
        check_bool("flag", 1)


def test_one_shape_checker_for_arrays_and_tensors():
    spec = (("T", None), ("B", None), ("D", 8))
    check_shape("x", np.zeros((5, 2, 8)), spec)
    check_shape("x", torch.zeros(5, 2, 8), spec)
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=8\); got \(5, 3, 7\)"):
        check_shape("x", torch.zeros(5, 3, 7), spec)
    with pytest.raises(TypeError, match="x must be a numpy.ndarray or torch.Tensor; got list"):
        check_shape("x", [1.0], spec)
    with pytest.raises(TypeError, match="x must be a numpy.ndarray; got Tensor"):
        check_array("x", torch.zeros(5, 2, 8), spec)
    with pytest.raises(TypeError, match="x must be a torch.Tensor; got ndarray"):
        check_tensor("x", np.zeros((5, 2, 8)), spec)
    with pytest.raises(TypeError, match="x must have a floating-point dtype; got torch.int64"):
        check_tensor("x", torch.zeros(5, 2, 8, dtype=torch.long), spec, floating=True)
    with pytest.raises(TypeError, match="x must have dtype float32; got float64"):
        check_array("x", np.zeros((5, 2, 8)), spec, dtype=np.float32)


def test_finite_and_codes():
    check_finite("x", np.ones(3))
    with pytest.raises(ValueError, match="x must hold finite values only"):
        check_finite("x", torch.tensor([1.0, float("nan")]))
    assert check_codes("codes", [0, 2], 3).tolist() == [0, 2]
    with pytest.raises(ValueError, match=r"codes must hold codes in \[0, 3\); got values from -1 to 2"):
        check_codes("codes", [-1, 2], 3)
    with pytest.raises(TypeError, match="codes must hold integer codes; got dtype float64"):
        check_codes("codes", [1.5], 3)


# The checks the package used before rnnbook.validation existed (still importable from rnnbook.utils).
def test_check_dtype():
    assert check_dtype("float32") == np.float32
    assert check_dtype(np.float64) == np.float64
    with pytest.raises(TypeError, match="float32 or float64"):
        check_dtype(np.int64)


def test_check_array_names_expected_and_actual_shape():
    x = np.zeros((5, 3, 7))
    assert check_array("x", x, (("T", None), ("B", None), ("D", 7))) is x
    with pytest.raises(ValueError, match=r"x must have shape \(T, B, D=8\); got \(5, 3, 7\)"):
        check_array("x", x, (("T", None), ("B", None), ("D", 8)))
    with pytest.raises(ValueError, match=r"got \(5, 3, 7\)"):
        check_array("x", x, (("T", None), ("D", 7)))


def test_check_array_type_and_dtype():
    with pytest.raises(TypeError, match="x must be a numpy.ndarray; got list"):
        check_array("x", [1, 2], (("N", None),))
    with pytest.raises(TypeError, match="x must have dtype float64; got float32"):
        check_array("x", np.zeros(2, np.float32), (("N", None),), dtype=np.float64)


def test_check_positive_int():
    assert check_positive_int("steps", np.int64(3)) == 3
    assert check_positive_int("lag", 0, minimum=0) == 0
    for bad in (0, 2.0, True, "3"):
        with pytest.raises(ValueError, match=r"steps must be an integer >= 1; got"):
            check_positive_int("steps", bad)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), True, "1e-3", None])
def test_check_positive_float_rejects(bad):
    from rnnbook.validation import check_positive_float

    with pytest.raises(ValueError, match="lr must be a positive finite number; got"):
        check_positive_float("lr", bad)


def test_check_positive_float_accepts_numpy_numbers():
    from rnnbook.validation import check_positive_float

    assert check_positive_float("lr", np.float32(0.5)) == 0.5
    assert check_positive_float("lr", np.int64(2)) == 2.0
