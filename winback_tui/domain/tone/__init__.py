"""The tone check for unsent drafts: plain rules over plain text, no network, no model.

Each rule names a way of writing that research on couples' conversations links
to how a message lands, and says why and what to try instead:

- John Gottman's "four horsemen" predict that a conversation goes badly:
  *criticism* (attacking the person, "you always…"), *contempt* (mockery,
  superiority), *defensiveness* (counter-blame, excuses) and *stonewalling*
  (shutting the talk down). His *gentle start-up* is their antidote: begin
  softly, about the present, owning your part and appreciating theirs.
- Marshall Rosenberg's nonviolent communication (NVC) builds an I-statement from
  an *observation* (what happened, without judgement), a *feeling*, a *need*,
  and a *request* the other person is free to refuse. A demand, an ultimatum,
  guilt or a claim on them is a request they are not free to refuse.
- A "no" is a boundary, not an obstacle: contact after someone asked for none,
  or watching their life from a distance, crosses it however kindly it is put.
- Family-systems therapists call bringing a third person into a conflict
  *triangulation*: it turns a talk between two into a verdict by many.

The rules describe structures rather than fixed sentences: a second-person
subject with an absolute ("you never…") or a judgement of character; a
conditional that assigns fault ("if you hadn't…, …"); a rhetorical "why did you";
an order aimed at the reader ("answer me", "stop pretending"); a deadline; an
anchor in the past ("that night you…", "remember when"); suffering laid at the
reader's door ("I can't eat or sleep since you left"); watching ("I drove past
your place"); a third party's opinion ("even your sister thinks…"); a claim
("you owe me"). Warm turns of the same words ("you always made me feel safe",
"you don't have to answer", "I hope you're happy and well") are exceptions
written into the rules.

Findings carry character spans into the original text. Matching runs on a copy
where curly quotes and apostrophes are made straight one character for one
character (and case is ignored by the regular expressions), so every span is a
valid index into what the user typed, emoji and right-to-left text included.
No phrase nests one unbounded repetition inside another, and every gap a
phrase skips over is bounded, so the check is linear in the length of the text;
the phrases are indexed by the words they begin with, so each word of a draft
is tried only against the few phrases that can start there.
"""

from __future__ import annotations

from winback_tui.domain.tone.engine import (
    NO_CONTACT_DIRECTION,
    NO_CONTACT_REASON,
    RULES,
    _index,
    _lower,
    _matches,
    check_tone,
    harmful,
    is_harmful,
    missing_helpful,
)
from winback_tui.domain.tone.language import (
    HARMFUL_KINDS,
    HELPFUL_KINDS,
    Finding,
    Kind,
    Pattern,
    Rule,
    normalise,
)

__all__ = [
    "HARMFUL_KINDS",
    "HELPFUL_KINDS",
    "NO_CONTACT_DIRECTION",
    "NO_CONTACT_REASON",
    "RULES",
    "Finding",
    "Kind",
    "Pattern",
    "Rule",
    "_index",
    "_lower",
    "_matches",
    "check_tone",
    "harmful",
    "is_harmful",
    "missing_helpful",
    "normalise",
]
