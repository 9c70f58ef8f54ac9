"""Generate a large, realistic journal through the store's API, fast.

``generate(path, records=10_000, seed=0)`` writes a new journal holding about
``records`` records of every kind the timeline shows: daily entries (with
moods, step tags and earlier versions), reflections with versions, goals and
their check-ins, confidence ratings, contacts, drafts and openness checks.
Each table is filled with one bulk insert (``Repo._insert_many``), so the
journal is saved a handful of times instead of 10,000.

Texts mix plain English with accented and non-Latin words ("Café", "Straße",
"naïve", emoji, Hebrew) so search has something to fold.

Run: python benchmarks/generate_journal.py PATH [--records 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from winback_tui import program
from winback_tui.domain.contacts import Channel, Contact, Initiator, Response
from winback_tui.domain.goals import CheckIn, CheckState
from winback_tui.domain.journal_entries import Entry
from winback_tui.domain.openness import OpennessCheck, Signal, assess_openness
from winback_tui.domain.reconnect import Draft
from winback_tui.domain.reflections import Reflection, ReflectionVersion
from winback_tui.store import Journal, assessment, contacts, drafts, goals
from winback_tui.store.dashboard import dashboard_for_journal
from winback_tui.store.entries import EntriesRepo, entry_to_doc
from winback_tui.store.records import Repo

WORDS: tuple[str, ...] = tuple(
    " ".join(
        (
            "today walk calm call friend sleep early slept badly therapy session talked",
            "about feelings noticed myself angry sad hopeful tired better worse kitchen work",
            "run gym book music cooked dinner sister mother father message wanted write them",
            "waited instead breathe patience boundary space listen learn honest part mistake",
            "sorry future present garden rain sun morning evening weekend coffee tea Café",
            "café Straße naïve crème brûlée résumé jalapeño Zoë Ångström façade 😀 ❤️ שלום مرحبا",
        )
    ).split()
)

#: Share of each kind in the generated records (the rest are journal entries).
MIX = {"contact": 0.10, "checkin": 0.20, "draft": 0.04, "openness": 0.02, "rating": 0.08}

#: The generated journal ends on this day (fixed, so a seed always gives the same file).
END = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


def _text(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, len(words), 12)]
    return " ".join(sentences)


def _moment(rng: random.Random, start: datetime, day: int) -> datetime:
    return start + timedelta(days=day, minutes=rng.randint(0, 14 * 60))


def generate(path: Path, records: int = 10_000, seed: int = 0) -> Path:
    """Write a new journal at ``path`` with about ``records`` records; return the path.

    Args:
        path: where to create it (must not exist yet).
        records: how many records in all (entries, check-ins, contacts…).
        seed: the same seed gives the same journal.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; generate() only creates new journals")
    rng = random.Random(seed)
    counts = {kind: int(records * share) for kind, share in MIX.items()}
    reflection_count = sum(len(s.prompts) for s in program.STEPS)
    counts["entry"] = max(records - sum(counts.values()) - reflection_count - 3, 0)
    span = max(counts["entry"], counts["checkin"] // 3, counts["rating"], 1)
    last = END
    start = END - timedelta(days=span + 1)
    journal = Journal.open(path, clock=lambda: last, today=last.date())
    try:
        # Reflections, each with a few earlier versions.
        table = Repo(journal)
        table.TABLE = "reflections"
        docs = []
        for step in program.STEPS:
            for prompt in step.prompts:
                versions = tuple(
                    ReflectionVersion(_moment(rng, start, rng.randrange(span)), _text(rng, 20, 120))
                    for _ in range(rng.randint(0, 4))
                )
                at = _moment(rng, start, rng.randrange(span))
                item = Reflection(step.number, prompt.id, _text(rng, 40, 200), at, at, versions)
                docs.append(Journal._reflection_doc(item))
        table._insert_many(docs)
        # Daily entries: one per day, newest last.
        entry_docs = []
        for day in range(counts["entry"]):
            at = _moment(rng, start, day)
            versions = (
                (ReflectionVersion(at - timedelta(hours=1), _text(rng, 10, 60)),)
                if rng.random() < 0.1
                else ()
            )
            entry = Entry(
                day=at.date(),
                text=_text(rng, 20, 250),
                created_at=at,
                edited_at=at,
                mood=rng.choice([None, 1, 2, 3, 4, 5]),
                step=rng.choice([None, None, 1, 2, 3, 4]),
                versions=versions,
            )
            entry_docs.append(entry_to_doc(entry))
        EntriesRepo(journal)._insert_many(entry_docs)
        # Goals, check-ins and ratings.
        goals_repo = goals.GoalsRepo(journal)
        goal_ids = [
            goals_repo.add(title, area, goals.Cadence(None), start.date()).id
            for title, area in (
                ("Walk every day", goals.Area.HEALTH),
                ("Practise saying how I feel", goals.Area.COMMUNICATION),
                ("See a counsellor", goals.Area.SUPPORT),
            )
        ]
        checkin_docs = []
        for number in range(counts["checkin"]):
            done = rng.random() < 0.7
            item = CheckIn(
                goal_ids[number % 3],
                (start + timedelta(days=number // 3)).date(),
                CheckState.DONE if done else CheckState.SKIPPED,
                "" if done else _text(rng, 3, 15),
            )
            # Recorded on its own day, as a person checking in each evening would.
            recorded = datetime.combine(item.day, datetime.min.time(), UTC) + timedelta(hours=21)
            checkin_docs.append(goals._checkin_doc(item, recorded))
        goals_repo.checkins._insert_many(checkin_docs)
        goals_repo.ratings._insert_many(
            [
                {"day": (start + timedelta(days=d)).date().isoformat(), "value": rng.randint(1, 10)}
                for d in range(counts["rating"])
            ]
        )
        # Contacts, drafts, openness checks.
        contacts.ContactsRepo(journal)._insert_many(
            [
                contacts._to_doc(
                    Contact(
                        _moment(rng, start, rng.randrange(span)),
                        rng.choice(list(Channel)),
                        rng.choice(list(Initiator)),
                        rng.choice(list(Response)),
                        _text(rng, 5, 60),
                        _text(rng, 5, 40),
                    )
                )
                for _ in range(counts["contact"])
            ]
        )
        draft_docs = []
        for number in range(counts["draft"]):
            at = _moment(rng, start, rng.randrange(span))
            draft_docs.append(
                drafts._to_doc(Draft(f"Draft {number + 1}", _text(rng, 30, 150), at, at))
            )
        drafts.DraftsRepo(journal)._insert_many(draft_docs)
        check_docs = []
        for _ in range(counts["openness"]):
            signals = frozenset(rng.sample(list(Signal), rng.randint(0, 3)))
            check = OpennessCheck(
                _moment(rng, start, rng.randrange(span)), signals, assess_openness(signals)
            )
            check_docs.append(assessment.check_to_doc(check))
        assessment.AssessmentRepo(journal)._insert_many(check_docs)
        # Home shown once, then a save (the welcome seen), as in a session with the app:
        # the summaries home reads (store/summaries.py) are saved with it.
        dashboard_for_journal(journal, last.date())
        journal.set_setting("welcome_seen", True)
    finally:
        journal.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.path, args.records, args.seed)
    with Journal.open(args.path) as journal:
        print(f"{args.path}: {journal.record_count()} records")


if __name__ == "__main__":
    main()
