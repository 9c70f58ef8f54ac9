"""The four steps of the program as data: titles, guidance and prompts.

Every text here is written for winback; the program it follows is a source of
ideas, not of sentences. Prompt ids are stable: the journal stores answers
under them, so never rename one (add a new id instead).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prompt:
    """One reflection question."""

    id: str
    title: str
    question: str


@dataclass(frozen=True)
class Step:
    """One step of the program."""

    number: int
    title: str
    short: str
    guidance: str
    prompts: tuple[Prompt, ...]


STEPS: tuple[Step, ...] = (
    Step(
        number=1,
        title="Assess the Situation",
        short="Look honestly at what happened",
        guidance=(
            "Before anything else, understand what happened. Take your time with why it "
            "ended, the part you played, and the patterns underneath. Then ask, honestly, "
            "whether the other person wants contact at all. If they do not, the caring "
            "choice is to accept that, and this app will help you do it."
        ),
        prompts=(
            Prompt(
                "what-went-wrong",
                "What went wrong",
                "In your own words, what went wrong between you?",
            ),
            Prompt(
                "my-part", "My part", "Which of your own choices or habits added to the trouble?"
            ),
            Prompt(
                "communication",
                "How we talked",
                "How did the two of you talk, argue and make up? What got lost?",
            ),
            Prompt(
                "their-needs",
                "Their needs",
                "What did they need from you emotionally that they did not get?",
            ),
            Prompt(
                "differently",
                "Next time",
                "Knowing what you know now, what would you do differently?",
            ),
        ),
    ),
    Step(
        number=2,
        title="Focus on Self-Improvement",
        short="Grow for your own sake",
        guidance=(
            "Put the energy you would spend on the other person into your own life: "
            "your body, something you enjoy, a skill you want, the way you talk about "
            "feelings, and the support around you. Small, regular steps count more "
            "than big plans. This work is worth doing whatever happens next."
        ),
        prompts=(
            Prompt(
                "learning", "What I am learning", "What are you learning about yourself these days?"
            ),
            Prompt(
                "easier",
                "What is getting easier",
                "What feels a little easier than it did a few weeks ago?",
            ),
        ),
    ),
    Step(
        number=3,
        title="Reconnect",
        short="Reach out with care, if it is welcome",
        guidance=(
            "Only when you are steady, and only if contact is welcome. Speak about the "
            "present and the future, not old grievances. Own your part, listen to "
            "theirs, and leave them free to say no. winback never sends anything: "
            "you write here, pause, and decide for yourself."
        ),
        prompts=(
            Prompt(
                "why-now", "Why now", "Why do you want to reach out now, and what do you hope for?"
            ),
            Prompt(
                "if-no",
                "If the answer is no",
                "If they say no or do not reply, how will you look after yourself?",
            ),
        ),
    ),
    Step(
        number=4,
        title="Be Patient and Persistent",
        short="Respect their pace, keep growing",
        guidance=(
            "Patience here means respecting their pace and their answer, not trying "
            "again and again. Keep your boundaries, keep working on yourself, and let "
            "silence or a no stand. Persistence belongs to your own growth, never to "
            "pressure on someone else."
        ),
        prompts=(
            Prompt(
                "patience", "Practising patience", "What helps you stay patient on the hard days?"
            ),
            Prompt(
                "boundaries",
                "Respecting boundaries",
                "Which boundary was hardest to keep this week, and why did you keep it?",
            ),
        ),
    ),
)


def step(number: int) -> Step:
    """Return step ``number`` (1-4)."""
    return STEPS[number - 1]


WELCOME = (
    "winback walks with you through four steps after a breakup: understanding what "
    "happened, growing for your own sake, reaching out with care if that is welcome, "
    "and being patient while respecting the other person's boundaries.\n\n"
    "Everything you write stays in one file on this computer. Nothing is ever sent "
    "to anyone.\n\n"
    "Press 1 to 4 to open a step, 0 to come back here, ? for every key, s for support, "
    "and q to save and quit."
)

SUPPORT_TITLE = "Support"

SUPPORT_TEXT = (
    "If you are in crisis or thinking about harming yourself, please reach out now.\n\n"
    "  US: call or text 988 (Suicide & Crisis Lifeline)\n"
    "  UK and Ireland: Samaritans, call 116 123 (free, any time)\n"
    "  Elsewhere: findahelpline.com lists free helplines by country\n"
    "  In an emergency, call your local emergency number.\n\n"
    "winback is a journal and a guide, not therapy. A counsellor or therapist can "
    "help in ways an app cannot.\n\n"
    "You do not have to carry this alone. If you can, tell someone you trust how you "
    "are really doing today, or sit with them for a while."
)

# ------------------------------------------------------------ moving forward
# When the openness check in Step 1 says "not open", Step 3 offers this path in
# place of the reconnect tools, and Step 1 and the dashboard say so kindly.

MOVING_FORWARD_TITLE = "Moving forward"

MOVING_FORWARD_GUIDANCE = (
    "For now, they are not open to contact, and that answer deserves respect. "
    "Letting go is not giving up on yourself: it is the caring choice, for them "
    "and for you. The love and effort you hoped to give can go into healing and "
    "into a life that is yours."
)

#: Where the path continues, for Step 1 and the dashboard to point at.
MOVING_FORWARD_POINTER = (
    "Step 3 now offers a moving-forward path in place of reaching out: reflections "
    "on letting go, and a letter you write only for yourself. Your goals in Step 2 "
    "carry on as before. If something changes on their side, you can take the "
    "check again."
)

#: The prompt whose answer is the unsent letter: it is kept here and never sent.
UNSENT_LETTER_PROMPT_ID = "mf-unsent-letter"

MOVING_FORWARD_PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "mf-what-i-keep",
        "What I keep",
        "What from this relationship do you want to carry with you: a lesson, a "
        "memory, a strength you found?",
    ),
    Prompt(
        "mf-letting-go",
        "Letting go",
        "What are you ready to set down, and what would make it a little lighter to carry?",
    ),
    Prompt(
        UNSENT_LETTER_PROMPT_ID,
        "A letter never sent",
        "Write to them everything you wish you could say. This letter stays here; it is "
        "never sent, and that is what makes it safe to be honest.",
    ),
    Prompt(
        "mf-caring-for-me",
        "Caring for myself",
        "How will you look after yourself this week, and who can you lean on?",
    ),
    Prompt(
        "mf-ahead",
        "What is ahead",
        "Picture an ordinary good day a year from now. What is in it that belongs to you alone?",
    ),
)
