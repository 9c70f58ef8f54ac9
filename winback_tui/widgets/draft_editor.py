"""The editor for unsent drafts: the shared reflection editor with its own messages.

Its messages are distinct classes, so a step screen's handlers for its own
reflection editor (``on_reflection_editor_*``) never mistake a draft's save or
escape for the reflection's; screens handle ``on_draft_editor_*`` instead.
"""

from __future__ import annotations

from textual.message import Message

from winback_tui.widgets.reflection_editor import ReflectionEditor


class DraftEditor(ReflectionEditor):
    """A :class:`ReflectionEditor` bound to one draft (autosave, escape, ctrl+s alike)."""

    class Left(Message):
        """The user pressed escape to leave the draft (nothing is discarded)."""

    class Saved(Message):
        """The draft's text was written to the journal."""

    class StatusChanged(Message):
        """The saved / unsaved state or the word count changed."""
