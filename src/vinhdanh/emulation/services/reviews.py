"""Reviews of a period (sơ kết, tổng kết) for a bloc or a movement.

Lifecycle (ReviewStatus): DRAFT → FILED. In DRAFT the officer drafts the report as a .docx
from the data (selectors/reviews.py) as often as needed, downloads it and edits it in Word;
"Lưu hồ sơ" uploads the final .docx/.pdf, takes the BC number of the issuer's sequence (the
bloc's, or the launching unit's for a movement) and files the review; a filed review is not
changed again. Writers: the bloc head's officers (and the owner's); for a movement, the
launching unit's officers.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vinhdanh.catalogue.enums import HonourCategory
from vinhdanh.core import audit
from vinhdanh.core.files import FileRejected, store_generated, store_upload
from vinhdanh.core.models import AuditAction, DocumentType
from vinhdanh.core.numbering import issue_number_for
from vinhdanh.core.templatetags.vn import percent
from vinhdanh.documents.docx import Header, Heading, Para, Signature, Table, official_document
from vinhdanh.documents.vn import place_of

from ..enums import ReviewStatus
from ..models import Bloc, Movement, PeriodReview
from ..permissions import EmulationError, can_manage_movement, is_bloc_head
from ..selectors.reviews import (
    DIRECT_WORKER_DEFINITION,
    SMALL_COLLECTIVE_DEFINITION,
    ReviewFigures,
    review_figures,
)

FINAL_TYPES = {".docx", ".pdf"}
REVIEW_TRANSITIONS = {ReviewStatus.DRAFT: {ReviewStatus.FILED}, ReviewStatus.FILED: set()}


def can_manage_review(user, review: PeriodReview) -> bool:
    if review.bloc_id:
        return is_bloc_head(user, review.bloc)
    return can_manage_movement(user, review.movement)


def _require_manage(actor, review: PeriodReview) -> None:
    if not can_manage_review(actor, review):
        raise EmulationError(
            "Chỉ Trưởng khối, cơ quan thường trực Hội đồng hoặc đơn vị phát động phong trào mới "
            "thực hiện được thao tác này."
        )


def _require_draft(review: PeriodReview) -> None:
    if review.status != ReviewStatus.DRAFT:
        raise EmulationError(
            f"Báo cáo đã lưu hồ sơ (số {review.number.display if review.number_id else '—'}), không sửa được nữa."
        )


def _audit_unit(review: PeriodReview) -> int:
    return review.bloc.owner_id if review.bloc_id else review.movement.launching_unit_id


@transaction.atomic
def review_create(
    actor,
    *,
    bloc: Bloc | None = None,
    movement: Movement | None = None,
    title: str,
    period_start: dt.date,
    period_end: dt.date,
) -> PeriodReview:
    if (bloc is None) == (movement is None):
        raise EmulationError("Báo cáo thuộc một khối hoặc một phong trào.")
    review = PeriodReview(bloc=bloc, movement=movement, title=title.strip(), period_start=period_start, period_end=period_end)  # fmt: skip
    _require_manage(actor, review)
    if not review.title:
        raise EmulationError("Cần ghi tên báo cáo.")
    if period_end < period_start:
        raise EmulationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    review.save()
    audit.record_create(actor, review, unit_id=_audit_unit(review))
    return review


def _locked(review: PeriodReview) -> PeriodReview:
    return (
        PeriodReview.objects.select_for_update(of=("self",))
        .select_related("bloc", "bloc__owner", "movement", "movement__launching_unit", "number")
        .get(pk=review.pk)
    )


def _issuer(review: PeriodReview) -> dict:
    if review.bloc_id:
        bloc = review.bloc
        return {
            "issuer_key": bloc.issuer_key,
            "issuer_abbreviation": bloc.abbreviation,
            "issuer_name": bloc.name,
            "unit": bloc.owner,
        }
    unit = review.movement.launching_unit
    return {
        "issuer_key": f"unit:{unit.pk}",
        "issuer_abbreviation": unit.abbreviation,
        "issuer_name": unit.name,
        "unit": unit,
    }


@transaction.atomic
def review_draft(actor, review: PeriodReview) -> PeriodReview:
    """Draft (or redraft) the report from the data; kept as the review's draft file."""
    review = _locked(review)
    _require_manage(actor, review)
    _require_draft(review)
    before = audit.snapshot(review)
    data = review_docx(review)
    review.draft_file = store_generated(
        data, f"Du-thao-bao-cao-{review.period_end:%Y%m%d}.docx", user=actor
    )
    review.save(update_fields=["draft_file", "updated_at"])
    audit.record(
        actor, AuditAction.UPDATE, review, changes=audit.diff(before, audit.snapshot(review)),
        note="Tạo dự thảo báo cáo từ dữ liệu", unit_id=_audit_unit(review),
    )  # fmt: skip
    return review


@transaction.atomic
def review_file(
    actor, review: PeriodReview, upload, *, doc_date: dt.date | None = None
) -> PeriodReview:
    """ "Lưu hồ sơ": the final file, the BC number, status FILED."""
    review = _locked(review)
    _require_manage(actor, review)
    _require_draft(review)
    try:
        stored = store_upload(upload, user=actor, allowed=FINAL_TYPES)
    except FileRejected as exc:
        raise EmulationError(str(exc)) from exc
    before = audit.snapshot(review)
    doc_date = doc_date or review.period_end
    number = issue_number_for(
        actor, review, doc_type=DocumentType.BC, on=doc_date, title=review.title,
        error=EmulationError, **_issuer(review),
    )  # fmt: skip
    review.number = number
    review.final_file = stored
    review.status = ReviewStatus.FILED
    review.save(update_fields=["number", "final_file", "status", "updated_at"])
    audit.record(
        actor, AuditAction.TRANSITION, review, changes=audit.diff(before, audit.snapshot(review)),
        note=f"Lưu hồ sơ báo cáo, số {number.display}", unit_id=_audit_unit(review),
    )  # fmt: skip
    return review


# --- The drafted report -------------------------------------------------------------------------


def _num(value) -> str:
    return f"{value:.2f}".replace(".", ",")


TO_BE_WRITTEN = "(Đơn vị soạn bổ sung trước khi lưu hồ sơ.)"


def report_body(fig: ReviewFigures) -> list:
    """Báo cáo sơ kết/tổng kết (DOCUMENTS.md §8.8): I. kết quả with the figure tables, II. đánh
    giá (ưu điểm, hạn chế, nguyên nhân), III. phương hướng, nhiệm vụ, IV. kiến nghị. Parts II–IV
    are the officer's to write in the downloaded draft."""
    body: list = [
        f"Kỳ báo cáo: từ ngày {fig.start:%d/%m/%Y} đến ngày {fig.end:%d/%m/%Y}; "
        f"{len(fig.units)} đơn vị: " + ", ".join(u.name for u in fig.units) + ".",
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Heading("1. Các phong trào thi đua đã triển khai"),
    ]
    if fig.movements:
        body.append(Table(
            ["STT", "Phong trào", "Đơn vị phát động", "Thời gian"],
            [[str(i), m.theme, m.launching_unit.name, f"{m.start:%d/%m/%Y} – {m.end:%d/%m/%Y}"] for i, m in enumerate(fig.movements, 1)],  # fmt: skip
            widths_mm=[14, 68, 42, 31], align=["center", "left", "left", "center"],
        ))  # fmt: skip
    else:
        body.append("Trong kỳ không có phong trào thi đua nào được ghi nhận.")
    body.append(Heading("2. Mô hình thi đua"))
    if fig.models:
        body.append(Table(
            ["STT", "Đơn vị", "Tên mô hình", "Điển hình"],
            [[str(i), m.unit.name, m.name, "Có" if m.is_exemplar else ""] for i, m in enumerate(fig.models, 1)],  # fmt: skip
            widths_mm=[14, 48, 70, 23], align=["center", "left", "left", "center"],
        ))  # fmt: skip
    else:
        body.append("Chưa có mô hình thi đua được đăng ký.")
    body.append(Heading("3. Đăng ký thi đua"))
    body.append(f"Tổng số lượt đăng ký: {fig.registrations_total}.")
    if fig.registrations_by_honour:
        body.append(Table(
            ["STT", "Danh hiệu đăng ký", "Số lượt"],
            [[str(i), r["honour__name"], str(r["n"])] for i, r in enumerate(fig.registrations_by_honour, 1)],  # fmt: skip
            widths_mm=[14, 111, 30], align=["center", "left", "center"],
        ))  # fmt: skip
        body.append(Table(
            ["STT", "Đơn vị", "Tập thể", "Cá nhân"],
            [[str(i), r["unit__name"], str(r["collective"]), str(r["individual"])] for i, r in enumerate(fig.registrations_by_unit, 1)],  # fmt: skip
            widths_mm=[14, 91, 25, 25], align=["center", "left", "center", "center"],
        ))  # fmt: skip
    body.append(Heading("4. Chấm điểm, xếp hạng"))
    if fig.ranking:
        body.append(Table(
            ["Hạng", "Đơn vị", "Tự chấm", "Chấm chéo", "Tổng điểm"],
            [[str(r.rank), r.member.name, _num(r.self_total), _num(r.cross_total), _num(r.final_total)] for r in fig.ranking],  # fmt: skip
            widths_mm=[15, 65, 25, 25, 25], align=["center", "left", "right", "right", "right"],
        ))  # fmt: skip
    else:
        body.append("Chưa có kết quả chấm điểm đã khóa trong kỳ.")
    body.append(Heading("5. Khen thưởng trong kỳ"))
    body.append(f"Tổng số lượt khen thưởng có quyết định trong kỳ: {fig.honours_total} "
                f"({fig.individuals} cá nhân, {fig.collectives} tập thể).")  # fmt: skip
    if fig.honours_by_kind:
        body.append(Table(
            ["Loại", "Danh hiệu, hình thức", "Tổng", "Cá nhân", "Tập thể"],
            [[HonourCategory(r["honour__category"]).label, r["honour__name"], str(r["n"]), str(r["individuals"]), str(r["collectives"])] for r in fig.honours_by_kind],  # fmt: skip
            widths_mm=[36, 59, 20, 20, 20], align=["left", "left", "center", "center", "center"],
        ))  # fmt: skip
    direct = percent(fig.direct_worker_share) if fig.individuals else "—"
    small = percent(fig.small_collective_share) if fig.collectives else "—"
    body.append(f"Khen thưởng người lao động trực tiếp: {fig.direct_workers}/{fig.individuals} lượt cá nhân ({direct}).")  # fmt: skip
    body.append(f"Khen thưởng tập thể nhỏ: {fig.small_collectives}/{fig.collectives} lượt tập thể ({small}).")  # fmt: skip
    body.append(Para(DIRECT_WORKER_DEFINITION + " " + SMALL_COLLECTIVE_DEFINITION, italic=True))
    body.append(Heading("II. ĐÁNH GIÁ CHUNG"))
    for part in ("1. Ưu điểm", "2. Hạn chế", "3. Nguyên nhân"):
        body.append(Heading(part))
        body.append(Para(TO_BE_WRITTEN, italic=True))
    body.append(Heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI"))
    body.append(Para(TO_BE_WRITTEN, italic=True))
    body.append(Heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"))
    body.append(Para(TO_BE_WRITTEN, italic=True))
    return body


def review_docx(review: PeriodReview) -> bytes:
    """The drafted report (a draft until "Lưu hồ sơ" files the edited final with its number):
    "Kính gửi" the body above when the report goes upward, "- Như trên;" first in Nơi nhận."""
    fig = review_figures(review)
    issuer = _issuer(review)
    if review.bloc_id:
        bloc = review.bloc
        upward = bloc.owner.name
        place = place_of(bloc.owner.name)
        header = Header(issuer=bloc.name, superior=bloc.owner.name, place=place, date=review.period_end)  # fmt: skip
        signature = Signature("Trưởng khối", on_behalf=f"TM. {bloc.name}")
        others = ["Các đơn vị thành viên khối"]
        drafting = bloc.abbreviation
    else:
        unit = review.movement.launching_unit
        upward = unit.parent.name if unit.parent_id else ""
        header = Header(issuer=unit.name, superior=upward, place=place_of(upward or unit.name), date=review.period_end)  # fmt: skip
        signature = Signature("Thủ trưởng đơn vị")
        others = ["Các đơn vị tham gia phong trào"]
        drafting = unit.abbreviation
    header.symbol = f"{DocumentType.BC.value}-{issuer['issuer_abbreviation']}"
    header.year = review.period_end.year
    if review.number_id:
        header.number = review.number.display
    else:
        header.draft = True  # drafted from the data; the officer edits, then files the final
    recipients = (["Như trên"] if upward else []) + others + [f"Lưu: VT, {drafting}"]
    title = review.title.strip()
    if title.lower().startswith("báo cáo "):
        title = title[len("báo cáo ") :]
        title = title[:1].upper() + title[1:]
    return official_document(
        header, title, report_body(fig), signature, recipients, doc_type="BÁO CÁO",
        kinh_gui=[upward] if upward else [],
    )  # fmt: skip
