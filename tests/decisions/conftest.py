import datetime as dt
from types import SimpleNamespace

import pytest

from vinhdanh.decisions import services
from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeOutcome
from vinhdanh.nominations.models import Dossier, Nominee


@pytest.fixture(autouse=True)
def _signer_name(personas):
    """The signer persona's name as printed under the signature block (taken from the account)."""
    personas.signer.full_name = "Nguyễn Văn Giám"
    personas.signer.save(update_fields=["full_name"])


@pytest.fixture
def approved(tree, people):
    """An approved dossier received by Sở Y tế: An accepted (LĐTT), Bình downgraded from
    CSTĐCS to LĐTT, the hospital's collective rejected."""
    dossier = Dossier.objects.create(
        kind=DossierKind.MERIT,
        title="Đề nghị khen thưởng năm 2025",
        year=2025,
        sending_unit=tree.hospital,
        receiving_unit=tree.syt,
        status=DossierStatus.APPROVED,
    )
    an = Nominee.objects.create(
        dossier=dossier,
        position=1,
        kind="person",
        person=people.an,
        honour_id="LDTT",
        outcome=NomineeOutcome.ACCEPTED,
    )
    binh = Nominee.objects.create(
        dossier=dossier,
        position=2,
        kind="person",
        person=people.binh,
        honour_id="CSTDCS",
        outcome=NomineeOutcome.DOWNGRADED,
        downgraded_to_id="LDTT",
    )
    rejected = Nominee.objects.create(
        dossier=dossier,
        position=3,
        kind="collective",
        unit=tree.hospital,
        honour_id="TTLDTT",
        outcome=NomineeOutcome.REJECTED,
    )
    return SimpleNamespace(dossier=dossier, an=an, binh=binh, rejected=rejected)


@pytest.fixture
def draft(personas, tree, approved):
    decision = services.decision_create(
        personas.unit_officer, issuer=tree.syt, title="Về việc khen thưởng năm 2025"
    )
    services.lines_add_nominees(
        personas.unit_officer, decision, [approved.an.pk, approved.binh.pk, approved.rejected.pk]
    )
    return decision


@pytest.fixture
def issued(personas, draft):
    return services.decision_issue(
        personas.signer,
        draft,
        date=dt.date(2025, 8, 1),
    )
