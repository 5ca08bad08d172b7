"""Issuing a decision notifies its author and the proposing unit's officers."""

import pytest
from django.urls import reverse

from tests.decisions.conftest import *  # noqa: F403 (approved, draft, fast_pdf, …)
from tests.factories import UserFactory, grant
from vinhdanh.inbox.models import Notification


@pytest.mark.django_db
def test_issue_notifies_author_and_proposing_officers(
    draft, personas, tree, django_capture_on_commit_callbacks
):
    import datetime as dt

    from vinhdanh.decisions import services

    hospital_officer = UserFactory(username="cb_bv")
    grant(hospital_officer, "officer", tree.hospital)
    with django_capture_on_commit_callbacks(execute=True):
        issued = services.decision_issue(personas.signer, draft, date=dt.date(2025, 8, 1))
    got = Notification.objects.filter(kind="decision_issued")
    assert {n.user for n in got} == {personas.unit_officer, hospital_officer}
    n = got.first()
    assert n.title.startswith(f"Đã ban hành Quyết định {issued.number_display}")
    assert n.url == reverse("decisions:decision_detail", args=[issued.pk])
