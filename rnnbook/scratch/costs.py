"""What a gradient costs, counted rather than timed: multiply-adds and stored numbers.

Timings change from machine to machine and from run to run; the number of multiply-adds
in the matrix products of an algorithm does not. The functions here count them for the
vanilla RNN of Eq. (3.1) with the linear output layer of Eq. (3.2), exactly as
:class:`rnnbook.scratch.rnn.RNN`, :class:`rnnbook.scratch.output.Linear` and
:class:`rnnbook.scratch.rtrl.RTRL` compute (elementwise work, such as the nonlinearity and
the additions of biases, is left out: it grows only as :math:`T B H`), and the numbers
that the forward pass keeps for BPTT.
"""

from __future__ import annotations

from ..validation import check_positive_int

__all__ = ["forward_macs", "bptt_macs", "rtrl_macs", "bptt_stored"]


def _sizes(T: int, B: int, D: int, H: int) -> tuple:
    return (check_positive_int("T", T), check_positive_int("B", B),
            check_positive_int("D", D), check_positive_int("H", H))


def _classes(C: int) -> int:
    return check_positive_int("C (0: no output layer)", C, minimum=0)


def forward_macs(T: int, B: int, D: int, H: int, C: int = 0) -> int:
    """Multiply-adds of a forward pass, Eqs. (3.1) and (3.2).

    Per step and sequence: :math:`W_{xh} x_t` (:math:`HD`), :math:`W_{hh} h_{t-1}`
    (:math:`H^2`) and, with an output layer of ``C`` classes, :math:`W_{hy} h_t` (:math:`CH`).

    Shapes
    ------
    For inputs (T, B, D), states (T, B, H) and outputs (T, B, C).
    """
    T, B, D, H = _sizes(T, B, D, H)
    return T * B * H * (D + H + _classes(C))


def bptt_macs(T: int, B: int, D: int, H: int, C: int = 0) -> int:
    """Multiply-adds of the backward pass of BPTT, Eqs. (3.3) and (3.4) (forward not included).

    Per step and sequence: :math:`W_{hh}^\\top` times the error (:math:`H^2`), the outer
    products for :math:`W_{hh}` (:math:`H^2`) and :math:`W_{xh}` (:math:`HD`), the error
    sent to the input (:math:`HD`), and for the output layer its weight gradient and the
    error it sends to the state (:math:`2CH`).

    Shapes
    ------
    For inputs (T, B, D), states (T, B, H) and outputs (T, B, C).
    """
    T, B, D, H = _sizes(T, B, D, H)
    return T * B * H * (2 * H + 2 * D + 2 * _classes(C))


def rtrl_macs(T: int, B: int, D: int, H: int) -> int:
    """Multiply-adds of RTRL over ``T`` steps, Eqs. (3.5) and (3.6), forward pass included.

    Per step and sequence: the forward step (:math:`H(D + H)`), the product of
    :math:`W_{hh}` with the sensitivities of all :math:`M = HD + H^2 + H` parameters
    (:math:`H^2 M`), and the contraction of the error with them (:math:`HM`).

    Shapes
    ------
    For inputs (T, B, D) and states (T, B, H).
    """
    T, B, D, H = _sizes(T, B, D, H)
    M = H * D + H * H + H
    return T * B * (H * (D + H) + H * H * M + H * M)


def bptt_stored(T: int, B: int, D: int, H: int) -> int:
    """Numbers the forward pass keeps for BPTT: :math:`T B (D + H) + B H`.

    The inputs :math:`x_1, \\dots, x_T` and the states :math:`h_0, \\dots, h_T` of every
    sequence (the parameters, stored once whatever the length, are not counted).

    Shapes
    ------
    For inputs (T, B, D) and states (T + 1, B, H).
    """
    T, B, D, H = _sizes(T, B, D, H)
    return T * B * (D + H) + B * H
