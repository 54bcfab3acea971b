"""Recurrent networks in NumPy with hand-written gradients (BPTT, RTRL, CTC).

Every class and function here is checked against central finite differences and against
PyTorch with copied weights (see ``tests/scratch``).
"""

__all__: list = []
