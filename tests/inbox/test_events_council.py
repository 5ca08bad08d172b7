"""Opening the council's ballots notifies its members with an account."""

import pytest

from tests.council.conftest import *  # noqa: F403 (council, make_members, dossier, session)
from vinhdanh.inbox.models import Notification


@pytest.mark.django_db
def test_ballots_open_notifies_members(session, django_capture_on_commit_callbacks, personas):
    with django_capture_on_commit_callbacks(execute=True):
        s = session(5, absent=1)
    got = Notification.objects.filter(kind="ballot_opened")
    assert {n.user_id for n in got} == {m.user_id for m in s.members}  # absent one too
    assert all(n.url == "/hoi-dong/phieu-bieu-quyet/" for n in got)
    assert "phiên họp 10/03/2026" in got.first().title
    assert not Notification.objects.filter(user=personas.province_officer).exists()
