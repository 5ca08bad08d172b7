"""Issuing a decision freezes what the statistics need on each register entry: the kind of
commendation (from the decision), the owning unit, sex and position category on that date."""

from __future__ import annotations

import datetime as dt

import pytest

from vinhdanh.decisions import services
from vinhdanh.registry.models import HonourRecord

pytestmark = pytest.mark.django_db


def test_issue_writes_kind_and_the_subject_as_on_the_decision_date(personas, draft, people, tree):
    services.decision_update(personas.unit_officer, draft, award_kind="DOT_XUAT")
    people.an.is_leader = True  # leads in Sở Y tế on the decision date
    people.an.save()
    people.binh.is_direct_worker = True
    people.binh.save()
    services.decision_issue(personas.signer, draft, date=dt.date(2025, 8, 1))

    people.an.is_leader = False  # later changes do not rewrite the register
    people.an.unit = tree.sgd
    people.an.save()
    rows = {
        r.person_id: (r.award_kind, r.owner_unit_id, r.gender, r.position_category)
        for r in HonourRecord.objects.filter(decision_number__isnull=False, person__isnull=False)
    }
    assert rows == {
        people.an.pk: ("DOT_XUAT", tree.syt.pk, "male", "LD_VU_SO"),
        people.binh.pk: ("DOT_XUAT", tree.hospital.pk, "female", "TRUC_TIEP"),
    }
