"""winback: a private, keyboard-first terminal coach for the weeks after a breakup."""

from winback_tui.codecache import install as _install_code_cache

# The one place the version lives (pyproject reads it from here). A literal is
# used rather than importlib.metadata, which costs ~30 ms at every start.
__version__ = "0.1.0"

__all__ = ["__version__"]

# Before any class of winback's or Textual's is made: the code every
# @dataclass generates is compiled once and kept, like bytecode (codecache).
_install_code_cache()
