"""PyTorch modules of the book, written out so that each equation is visible."""

__all__: list = []
