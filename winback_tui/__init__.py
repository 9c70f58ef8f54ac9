"""winback: a private, keyboard-first terminal coach for the weeks after a breakup."""

# The one place the version lives (pyproject reads it from here). A literal is
# used rather than importlib.metadata, which costs ~30 ms at every start.
__version__ = "0.1.0"

__all__ = ["__version__"]
