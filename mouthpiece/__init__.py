"""Mouthpiece: watch what political leaders say."""
__version__ = "0.1.0"
