"""A labelled set of sample messages for the tone check.

Each sample is a message someone might draft to an ex, labelled by hand with the
harmful kinds a careful reader would see in it (empty: nothing harmful). The
labels were written from the messages, not from the rules: a few subtle ones
carry no trigger phrase at all, so the figures the test reports are honest
rather than perfect. Kind, unkind, subtle and obvious messages are all here, with
straight and curly apostrophes, emoji and odd spacing.
"""

from __future__ import annotations

from winback_tui.domain.tone import Kind

B = Kind.BLAME
C = Kind.CONTEMPT
D = Kind.DEFENSIVENESS
S = Kind.STONEWALLING
P = Kind.DWELLING
G = Kind.PRESSURE  # pressure, guilt or ultimatum

#: (message, harmful kinds a careful reader sees in it)
CORPUS: tuple[tuple[str, frozenset[Kind]], ...] = (
    # ----------------------------------------------------------- kind ones
    (
        "Hi. I've been thinking about how I handled things, and I'm sorry I didn't listen "
        "when you told me you felt alone. No need to reply.",
        frozenset(),
    ),
    (
        "I hope you're doing well. I've started seeing a counsellor and it's helping me "
        "understand my part. If you'd ever like to talk, I'd like that, but no pressure.",
        frozenset(),
    ),
    (
        "I understand why you needed space, and I respect it. Take all the time you need.",
        frozenset(),
    ),
    ("Thank you for the years we had. I'm grateful for them. 💛", frozenset()),
    (
        "It’s not your fault that things ended. I was wrong to shut down when we argued.",
        frozenset(),
    ),
    (
        "I know you never meant to hurt me, and I hope you know I never meant to hurt you either.",
        frozenset(),
    ),
    ("I miss our friendship. If you don't want to talk, that's completely okay.", frozenset()),
    (
        "I've been working on how I react when I'm stressed. I wanted you to know that, "
        "without expecting anything back.",
        frozenset(),
    ),
    ("You were right about my temper. I'm learning to pause before I speak.", frozenset()),
    ("Happy birthday! I hope the year ahead is kind to you.", frozenset()),
    (
        "I feel nervous writing this. I'd love to have coffee sometime, only if you want to.",
        frozenset(),
    ),
    ("That must have been really hard for you, and I wasn’t there. I’m sorry.", frozenset()),
    ("You always made me laugh, and I'm grateful for that.", frozenset()),
    (
        "I noticed I kept interrupting you. I'm practising listening now. Whenever you're "
        "ready, I'd like to hear how you are.",
        frozenset(),
    ),
    ("You don’t have to answer me. I just wanted to say I’m proud of you.", frozenset()),
    ("Hey 🙂 I saw your exhibition was a success. Congratulations, truly.", frozenset()),
    ("I take responsibility for the way I spoke to you that night.", frozenset()),
    ("It makes sense that you were hurt. From your side it must have felt lonely.", frozenset()),
    ("Whatever you decide, I'll respect it.", frozenset()),
    (
        "I'd appreciate a chance to apologise properly, if you are open to it. "
        "If not, I understand.",
        frozenset(),
    ),
    ("I've learned a lot this year, mostly about myself.", frozenset()),
    ("None of this was your fault. I hope you're well.", frozenset()),
    # -------------------------------------------------------- obvious harm
    ("You always do this. You never listen to me.", frozenset({B})),
    ("It's your fault we broke up and you know it.", frozenset({B})),
    ("Because of you I lost all my friends.", frozenset({B})),
    ("You made me feel worthless for two years.", frozenset({B})),
    ("I need an answer by tonight.", frozenset({G})),
    ("If you don't reply I'll come over.", frozenset({G})),
    ("After everything I did for you, you can't even text back?", frozenset({G})),
    ("Remember when you forgot my birthday? I still can't believe you did that.", frozenset({P})),
    ("You’re pathetic. Grow up.", frozenset({C})),
    ("Whatever. I'm done talking.", frozenset({C, S})),
    ("It wasn't my fault, you're the one who started yelling.", frozenset({D})),
    ("You have to give me another chance. You owe me that.", frozenset({G})),
    ("Why won't you answer me?? Answer me!", frozenset({G})),
    ("You’re so selfish, you only care about yourself.", frozenset({B})),
    ("Last chance. Call me back now or forget it.", frozenset({G, S})),
    ("I can't live without you. Please.", frozenset({G})),
    ("Yeah, right, you 'needed space'. Sure you did.", frozenset({C})),
    ("I'm sorry you feel that way, but I did nothing wrong.", frozenset({D})),
    (
        "Back then you never had time for me, and last year you ignored me at the wedding.",
        frozenset({B, P}),
    ),
    # ---------------------------------------------------------- subtle harm
    ("I'm sorry, but you have to admit you were cold too.", frozenset({D, G})),
    ("I feel like you never really tried.", frozenset({B})),
    ("Just give me one more chance and I'll prove it 🙏", frozenset({G})),
    ("We need to talk. I'll keep trying until you do.", frozenset({G})),
    ("Hope you're happy now.", frozenset({C})),
    (
        "I've changed so much, so you should give us a try. It's the least you could do.",
        frozenset({G}),
    ),
    ("You used to say you'd always be there. What happened to that?", frozenset({P})),
    ("I guess some people just can't commit. Anyway, how are you?", frozenset({C})),
    ("I’ve been to therapy for you. I did all of this for you.", frozenset({G})),
    ("I still remember the way you walked out. Anyway I'm better now.", frozenset({P})),
    ("Don't ignore me like last time.", frozenset({G, P})),
    ("You were always so cold with my family, but I forgive you.", frozenset({B})),
    ("Typical you, disappearing when things get hard.", frozenset({C})),
    ("I deserve an explanation. You shouldn't have left like that.", frozenset({G, B})),
    ("I'M NOT THE ONE WHO LEFT.", frozenset({D})),
)
