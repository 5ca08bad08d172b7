import datetime as dt
import hashlib
from types import SimpleNamespace

import pytest

from tests.factories import RatingFactory
from vinhdanh.decisions import services
from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeOutcome
from vinhdanh.nominations.models import Dossier, Nominee


@pytest.fixture(autouse=True)
def public_base_url(settings):
    settings.PUBLIC_BASE_URL = "https://tdkt.example.gov.vn"


@pytest.fixture
def real_pdf():
    """Ask for it to convert the issued .docx with LibreOffice; other tests of this folder get
    a stand-in PDF (a few seconds saved per issue: the register, money and checks under test
    do not depend on the PDF's pages)."""


@pytest.fixture(autouse=True)
def fast_pdf(request, monkeypatch):
    if "real_pdf" in request.fixturenames:
        return
    from vinhdanh.decisions import issued_files

    def stand_in(data: bytes) -> bytes:
        return b"%PDF-1.4\n% stand-in for " + hashlib.sha256(data).hexdigest().encode() + b"\n"

    monkeypatch.setattr(issued_files, "docx_to_pdf", stand_in)


NO_BALLOT = "Lao động tiên tiến: Giám đốc xét theo đề nghị của Hội đồng cơ sở, không bỏ phiếu"


@pytest.fixture
def approved(tree, people):
    """An approved dossier received by Sở Y tế: An accepted (LĐTT), Bình downgraded from
    CSTĐCS to LĐTT, the hospital's collective rejected. Both people completed 2025 well (HTT),
    so the engine finds them eligible for LĐTT."""
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    RatingFactory(person=people.binh, year=2025, rating_id="HTT")
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
        ballot_override_reason=NO_BALLOT,
    )
    binh = Nominee.objects.create(
        dossier=dossier,
        position=2,
        kind="person",
        person=people.binh,
        honour_id="CSTDCS",
        outcome=NomineeOutcome.DOWNGRADED,
        downgraded_to_id="LDTT",
        ballot_override_reason=NO_BALLOT,
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
        signer_name="Nguyễn Văn Giám",
        signer_position="Giám đốc",
    )
