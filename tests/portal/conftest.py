from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from tests.factories import PersonFactory
from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeKind
from vinhdanh.nominations.models import Dossier, Nominee, PublicComment


@pytest.fixture(autouse=True)
def _clear_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(tree, people):
    """A dossier from the hospital received by Sở Y tế, with two nominees."""
    d = Dossier.objects.create(
        kind=DossierKind.MERIT,
        title="Đề nghị khen thưởng năm 2025 của Bệnh viện Đa khoa Đống Đa",
        year=2025,
        sending_unit=tree.hospital,
        receiving_unit=tree.syt,
        status=DossierStatus.RECEIVED,
    )
    Nominee.objects.create(
        dossier=d, position=1, kind=NomineeKind.PERSON, person=people.binh, honour_id="LDTT"
    )
    Nominee.objects.create(
        dossier=d, position=2, kind=NomineeKind.COLLECTIVE, unit=tree.hospital, honour_id="TTLDTT"
    )
    return d


@pytest.fixture
def public_dossier(dossier):
    today = dt.date.today()
    dossier.publicity_from = today - dt.timedelta(days=1)
    dossier.publicity_to = today + dt.timedelta(days=5)
    dossier.save()
    return dossier


@pytest.fixture
def comment(dossier):
    return PublicComment.objects.create(
        dossier=dossier,
        name="Nguyễn Thị Góp Ý",
        contact="0912345678",
        content="Tôi đề nghị xem lại thành tích.",
    )


@pytest.fixture
def many_people(tree):
    return SimpleNamespace(make=lambda n: [PersonFactory(unit=tree.hospital) for _ in range(n)])


_seq = iter(range(1, 100000))


def make_decision(issuer, people_list, *, published=True, status="issued", units=()):
    """An issued decision with one line per person (and per unit), each with a certificate."""
    from vinhdanh.core.models import DocumentNumber
    from vinhdanh.decisions.models import Certificate, Decision, DecisionLine

    seq = next(_seq)
    number = DocumentNumber.objects.create(
        issuer_key=f"U{issuer.pk}",
        issuer_abbreviation="SYT",
        issuer_name=issuer.name,
        unit=issuer,
        doc_type="QĐ",
        year=2025,
        seq=seq,
        status="issued",
    )
    decision = Decision.objects.create(
        issuer=issuer,
        number=number,
        title=f"Về việc tặng danh hiệu Lao động tiên tiến năm 2025 (đợt {seq})",
        date=dt.date(2025, 12, 20),
        status=status,
        published=published,
        total_amount=3456000,
    )
    position = 0
    for person in people_list:
        position += 1
        line = DecisionLine.objects.create(
            decision=decision,
            position=position,
            person=person,
            name=person.full_name,
            subject_kind="person",
            honour_id="LDTT",
            achievement_year=2025,
            amount=1728000,
        )
        Certificate.objects.create(line=line, serial=f"GK-{seq}-{position}")
    for unit in units:
        position += 1
        line = DecisionLine.objects.create(
            decision=decision,
            position=position,
            unit=unit,
            name=unit.name,
            subject_kind="collective",
            honour_id="TTLDTT",
            achievement_year=2025,
            amount=3456000,
        )
        Certificate.objects.create(line=line, serial=f"GK-{seq}-{position}")
    return decision
