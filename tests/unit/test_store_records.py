"""Reading stored values back into the domain's enums."""

from __future__ import annotations

import pytest

from winback_tui.domain.contacts import Channel
from winback_tui.store.records import member_of


def test_member_of_reads_every_member_and_refuses_what_is_not_one() -> None:
    lookup = member_of(Channel)
    for member in Channel:
        assert lookup(member.value) is member
    with pytest.raises(ValueError):
        lookup("carrier pigeon")
    with pytest.raises(ValueError):
        lookup(["not", "hashable"])
