"""The package version, on the ground floor so every stage can name it without importing the front door."""

__all__ = ["__version__"]

__version__ = "0.1.0"
