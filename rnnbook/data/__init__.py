"""Data for the book, offline: synthetic tasks and loaders of data bundled with packages."""

__all__: list = []
