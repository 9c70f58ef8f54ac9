"""The tone check's findings under a draft: each with its pattern, the quoted phrase and
a kinder direction. State is shown by a character (``!`` may hurt, ``+`` helps), not by
colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from winback_tui.domain.tone import Finding, harmful, missing_helpful

#: How many findings of each sort are listed; the rest are counted.
SHOWN_HARMFUL = 6
SHOWN_HELPFUL = 3
QUOTE_LIMIT = 40

HURTS = "!"
HELPS = "+"


def quote(text: str, finding: Finding) -> str:
    """The phrase on one line, cut to a readable length."""
    phrase = " ".join(finding.quote(text).split())
    if len(phrase) > QUOTE_LIMIT:
        phrase = phrase[: QUOTE_LIMIT - 1] + "…"
    return f"“{phrase}”"


def render_findings(text: str, findings: Sequence[Finding]) -> Text:
    """What the findings panel shows for ``text``."""
    out = Text()
    if not text.strip():
        out.append("Tone check: it runs here as you write.", style="italic")
        return out
    hurts = harmful(findings)
    helps = [f for f in findings if f.helpful]
    if hurts:
        noun = "phrase" if len(hurts) == 1 else "phrases"
        out.append(f"Tone check: {len(hurts)} {noun} may hurt", style="bold")
    else:
        out.append("Tone check: nothing here reads as blame or pressure", style="bold")
    out.append(f" · {len(helps)} that help\n" if helps else "\n")
    for finding in hurts[:SHOWN_HARMFUL]:
        out.append(f"{HURTS} {quote(text, finding)}", style="bold")
        out.append(f" {finding.kind.value} · {finding.pattern.value}\n")
        out.append(f"    {finding.reason} Try: {finding.direction}\n", style="italic")
    if len(hurts) > SHOWN_HARMFUL:
        out.append(f"  …and {len(hurts) - SHOWN_HARMFUL} more that may hurt\n")
    for finding in helps[:SHOWN_HELPFUL]:
        out.append(f"{HELPS} {quote(text, finding)}")
        out.append(f" {finding.kind.value} · {finding.pattern.value}\n")
    if len(helps) > SHOWN_HELPFUL:
        out.append(f"  …and {len(helps) - SHOWN_HELPFUL} more that help\n")
    missing = missing_helpful(findings)
    if missing:
        out.append("Not in it yet: " + ", ".join(k.value for k in missing) + ".", style="italic")
    out.rstrip()
    return out


class ToneFindings(Static):
    """The findings panel; call :meth:`show` with the text and its findings."""

    def show(self, text: str, findings: Sequence[Finding]) -> None:
        """Show the findings of ``text``."""
        self.update(render_findings(text, findings))
