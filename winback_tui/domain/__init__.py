"""Pure rules and plain dataclasses: no Textual, no TinyDB, no I/O."""
