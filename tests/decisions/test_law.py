"""The law binds a decision: who confers the honour (Luật Điều 80), the engine's verdict on
every line with an explicit, audited override, the council's vote and the money."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import RatingFactory
from vinhdanh.catalogue.models import BaseSalary, Honour
from vinhdanh.core.models import AuditEntry
from vinhdanh.decisions import money, services
from vinhdanh.decisions.models import Decision, DecisionLine, DecisionStatus
from vinhdanh.decisions.services import DecisionsError
from vinhdanh.documents.docx import docx_text
from vinhdanh.nominations.enums import DossierKind, DossierStatus, NomineeOutcome
from vinhdanh.nominations.models import Dossier, Nominee
from vinhdanh.registry.models import HonourRecord

ISSUE = {"signer_name": "Nguyễn Văn Giám", "signer_position": "Giám đốc"}


def honour(code):
    return Honour.objects.get(pk=code)


@pytest.fixture
def syt_draft(personas, tree):
    return services.decision_create(personas.unit_officer, issuer=tree.syt, title="Khen thưởng")


# --- jurisdiction ----------------------------------------------------------------------------


def test_hand_line_with_higher_honour_refused_naming_who_confers(personas, syt_draft, people):
    with pytest.raises(DecisionsError) as exc:
        services.line_add(
            personas.unit_officer,
            syt_draft,
            honour=honour("BK_TINH"),
            achievement_year=2025,
            person=people.an,
        )
    message = str(exc.value)
    assert "Bộ trưởng, Chủ tịch UBND tỉnh" in message and "Điều 80" in message
    assert "Sở Y tế không có thẩm quyền" in message and "đề nghị cấp trên" in message
    assert not syt_draft.lines.exists()


def test_province_confers_its_own_honour(personas, tree, people):
    city = services.decision_create(personas.province_officer, issuer=tree.hanoi, title="Khen")
    line = services.line_add(
        personas.province_officer,
        city,
        honour=honour("BK_TINH"),
        achievement_year=2025,
        person=people.an,
    )
    assert line.honour_id == "BK_TINH"


def test_nominee_for_higher_honour_refused_with_way_up(personas, syt_draft, tree, people):
    dossier = Dossier.objects.create(
        kind=DossierKind.MERIT,
        title="Đề nghị Bằng khen của UBND Thành phố",
        year=2025,
        sending_unit=tree.hospital,
        receiving_unit=tree.syt,
        status=DossierStatus.APPROVED,
    )
    nominee = Nominee.objects.create(
        dossier=dossier,
        position=1,
        kind="person",
        person=people.binh,
        honour_id="BK_TINH",
        outcome=NomineeOutcome.ACCEPTED,
    )
    with pytest.raises(DecisionsError) as exc:
        services.lines_add_nominees(personas.unit_officer, syt_draft, [nominee.pk])
    message = str(exc.value)
    assert "Trần Thị Bình" in message and "Bộ trưởng, Chủ tịch UBND tỉnh" in message
    assert "Chuyển hồ sơ" in message
    assert reverse("nominations:dossier_detail", args=[dossier.pk]) in message
    assert not syt_draft.lines.exists()


def test_detail_page_shows_the_refusal_and_link_to_forward(
    login, personas, syt_draft, tree, people
):
    dossier = Dossier.objects.create(
        kind=DossierKind.MERIT,
        title="Đề nghị cấp trên",
        year=2025,
        sending_unit=tree.hospital,
        receiving_unit=tree.syt,
        status=DossierStatus.APPROVED,
    )
    Nominee.objects.create(
        dossier=dossier,
        position=1,
        kind="person",
        person=people.binh,
        honour_id="CSTD_TINH",
        outcome=NomineeOutcome.ACCEPTED,
    )
    page = login(personas.unit_officer).get(
        reverse("decisions:decision_detail", args=[syt_draft.pk])
    )
    html = page.content.decode()
    assert "Chuyển hồ sơ lên cấp trên" in html
    assert reverse("nominations:dossier_detail", args=[dossier.pk]) in html
    assert 'name="nominees"' not in html  # nothing to tick


def test_hand_line_page_shows_the_refusal(login, personas, syt_draft, people):
    client = login(personas.unit_officer)
    response = client.post(
        reverse("decisions:line_add", args=[syt_draft.pk]),
        {
            "person": people.an.pk,
            "honour": "BK_TTG",
            "achievement_year": 2025,
            "subject_kind": "individual",
        },
    )
    assert "Thủ tướng Chính phủ" in response.content.decode()
    assert not syt_draft.lines.exists()


def test_issue_rechecks_every_line_jurisdiction(personas, syt_draft, people):
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    DecisionLine.objects.create(  # a line written past the service (an old draft, an import)
        decision=syt_draft,
        position=1,
        person=people.an,
        name=people.an.full_name,
        subject_kind="individual",
        honour=honour("BK_TINH"),
        achievement_year=2025,
        verdict_status="manual",
    )
    with pytest.raises(DecisionsError, match="Bằng khen .* Bộ trưởng, Chủ tịch UBND tỉnh"):
        services.decision_issue(personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE)
    syt_draft.refresh_from_db()
    assert syt_draft.status == DecisionStatus.DRAFT and syt_draft.number is None
    assert not HonourRecord.objects.exists()


# --- the engine's verdict and the override ---------------------------------------------------


def test_hand_line_judged_not_eligible_needs_override(personas, syt_draft, people):
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("LDTT"), achievement_year=2025,
        person=people.an,
    )  # fmt: skip
    line.refresh_from_db()
    assert line.verdict_status == "not_eligible"
    assert any("Điều 24" in c["citation"] for c in line.verdict["checks"] if not c["met"])
    with pytest.raises(DecisionsError, match="Nguyễn Văn An .*Chưa đủ điều kiện.*Điều 24"):
        services.decision_issue(personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE)
    assert not HonourRecord.objects.exists()

    # the officer may not override; the signer must give a reason
    with pytest.raises(DecisionsError, match="Chỉ lãnh đạo"):
        services.line_override(personas.unit_officer, line, reason="Thành tích đột xuất")
    with pytest.raises(DecisionsError, match="Cần ghi lý do"):
        services.line_override(personas.signer, line, reason="  ")
    services.line_override(personas.signer, line, reason="Cứu người trong hỏa hoạn")
    line.refresh_from_db()
    assert line.override_reason == "Cứu người trong hỏa hoạn"
    assert line.override_by == personas.signer and line.override_at
    entry = AuditEntry.objects.get(object_type="decisions.decisionline", action="update")
    assert "Cứu người trong hỏa hoạn" in entry.note
    assert entry.actor == personas.signer

    decision = services.decision_issue(
        personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE
    )
    assert decision.status == DecisionStatus.ISSUED
    assert HonourRecord.objects.filter(person=people.an, honour_id="LDTT").exists()
    # printed nowhere on the decision
    lines = list(decision.lines.select_related("honour"))
    from vinhdanh.decisions.documents import decision_docx

    assert "hỏa hoạn" not in docx_text(decision_docx(decision, lines))


def test_override_refused_on_an_eligible_line(personas, syt_draft, people):
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("LDTT"), achievement_year=2025,
        person=people.an,
    )  # fmt: skip
    assert line.verdict_status == "eligible"
    with pytest.raises(DecisionsError, match="đủ tiêu chuẩn"):
        services.line_override(personas.signer, line, reason="Không cần")


def test_held_subject_refused_until_override(personas, syt_draft, people):
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    people.an.pending_review = True
    people.an.pending_review_note = "Đang xem xét kỷ luật"
    people.an.save()
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("LDTT"), achievement_year=2025,
        person=people.an,
    )  # fmt: skip
    assert line.verdict_status == "held"
    with pytest.raises(DecisionsError, match="Tạm dừng xem xét"):
        services.decision_issue(personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE)


def test_issue_judges_again(personas, syt_draft, people):
    """Eligible when added, not any more at signing (the subject was put under review)."""
    RatingFactory(person=people.an, year=2025, rating_id="HTT")
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("LDTT"), achievement_year=2025,
        person=people.an,
    )  # fmt: skip
    assert line.verdict_status == "eligible"
    type(people.an).objects.filter(pk=people.an.pk).update(pending_review=True)
    with pytest.raises(DecisionsError, match="Nguyễn Văn An .*Tạm dừng xem xét"):
        services.decision_issue(personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE)
    assert not HonourRecord.objects.exists()


def test_outsider_line_is_manual_and_issues(personas, syt_draft):
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("GIAY_KHEN"), achievement_year=2025,
        name="Ông Lê Văn Hộ", subject_kind="individual",
    )  # fmt: skip
    assert line.verdict_status == "manual"
    decision = services.decision_issue(
        personas.signer, syt_draft, date=dt.date(2025, 8, 1), **ISSUE
    )
    assert decision.status == DecisionStatus.ISSUED


def test_override_through_the_draft_page(login, personas, syt_draft, people):
    line = services.line_add(
        personas.unit_officer, syt_draft, honour=honour("LDTT"), achievement_year=2025,
        person=people.an,
    )  # fmt: skip
    url = reverse("decisions:decision_detail", args=[syt_draft.pk])
    signer = login(personas.signer)
    html = signer.get(url).content.decode()
    assert (
        "Chưa đủ điều kiện" in html and "Vẫn khen thưởng" in html and "Chưa ban hành được" in html
    )
    override = reverse("decisions:line_override", args=[syt_draft.pk, line.pk])
    signer.post(override, {"reason": "Thành tích đột xuất được Giám đốc ghi nhận"})
    html = signer.get(url).content.decode()
    assert "Thành tích đột xuất được Giám đốc ghi nhận" in html
    assert "Chưa ban hành được" not in html
    # the officer cannot; an outsider does not even see the decision
    officer = login(personas.unit_officer)
    assert officer.post(override, {"reason": "x"}).status_code == 404
    assert login(personas.outsider).post(override, {"reason": "x"}).status_code == 404


# --- the council's vote and the money --------------------------------------------------------


def test_council_refusal_blocks_adding_and_issuing(personas, draft, approved):
    """Bình was accepted without a ballot; once the written reason is gone the council's
    guard (council.selectors.nominees_may_be_decided) refuses her on the decision."""
    Nominee.objects.filter(pk=approved.binh.pk).update(ballot_override_reason="")
    with pytest.raises(DecisionsError, match="Trần Thị Bình: Hội đồng chưa biểu quyết"):
        services.decision_issue(personas.signer, draft, date=dt.date(2025, 8, 1), **ISSUE)
    assert not HonourRecord.objects.exists()
    other = services.decision_create(personas.unit_officer, issuer=draft.issuer, title="Khác")
    DecisionLine.objects.filter(decision=draft, nominee=approved.binh).delete()
    with pytest.raises(DecisionsError, match="biểu quyết của Hội đồng"):
        services.lines_add_nominees(personas.unit_officer, other, [approved.binh.pk])
    assert not other.lines.exists()


def test_issue_refused_while_money_cannot_be_computed(personas, draft):
    BaseSalary.objects.all().delete()
    assert money.uncomputable_lines(draft)
    with pytest.raises(DecisionsError, match="Tiền thưởng: STT 1, Nguyễn Văn An"):
        services.decision_issue(personas.signer, draft, date=dt.date(2025, 8, 1), **ISSUE)
    draft.refresh_from_db()
    assert draft.status == DecisionStatus.DRAFT and draft.number is None
    assert not Decision.objects.filter(status=DecisionStatus.ISSUED).exists()


def test_detail_page_shows_the_council_refusal(login, personas, syt_draft, approved):
    Nominee.objects.filter(pk=approved.an.pk).update(ballot_override_reason="")
    html = (
        login(personas.unit_officer)
        .get(reverse("decisions:decision_detail", args=[syt_draft.pk]))
        .content.decode()
    )
    assert "Nguyễn Văn An: Hội đồng chưa biểu quyết" in html
    assert f'id="nominee-{approved.an.pk}"' not in html
    assert f'id="nominee-{approved.binh.pk}"' in html
