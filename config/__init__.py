"""Default YAML configuration and its typed loaders.

The YAML files beside this module are the shipped defaults; a deployment points
`MOUTHPIECE_CONFIG_DIR` at its own copies. Every loader goes through
`config.loader.load_yaml`, so that a mistake names the file, the line and the field.
"""
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parent
