"""winback: a private, keyboard-first terminal coach for the weeks after a breakup."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("winback")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
