"""An autograder for deep-learning exercises that compares student code with PyTorch's own operators."""

__version__ = "0.1.0"
