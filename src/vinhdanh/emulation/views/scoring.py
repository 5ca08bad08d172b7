"""Views of the emulation cycle: scoring tables, sheets, ranking (tab “Chấm điểm, xếp hạng”)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from vinhdanh.core.exports import XLSX_CONTENT_TYPE, xlsx_response
from vinhdanh.core.files import file_response

from ..enums import CrossScoringMethod, ScoringStatus
from ..forms.scoring import CriterionForm, EvidenceForm, ImportCriteriaForm, ReopenForm, TableForm
from ..models import BlocMember, Criterion, ScoreEvidence, ScoringTable
from ..permissions import EmulationError, acting_members, bloc_or_404, is_bloc_head
from ..selectors import scoring as sel
from ..services import scoring as svc

HEAD_ONLY = "Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới thực hiện được thao tác này."


def _table(bloc, table_id) -> ScoringTable:
    table = get_object_or_404(ScoringTable, pk=table_id, bloc=bloc)
    table.bloc = bloc
    return table


def _table_url(table) -> str:
    return reverse("emulation:scoring_table", args=[table.bloc_id, table.pk])


@login_required
def scoring(request, pk):
    bloc = bloc_or_404(request.user, pk)
    tables = sel.bloc_tables(bloc)
    current = sel.current_table(tables)
    if current is None:
        form = TableForm(
            request.POST or None, initial={"name": f"Bảng chấm điểm thi đua năm {bloc.year}"}
        )
        head = is_bloc_head(request.user, bloc)
        if request.method == "POST" and head and form.is_valid():
            try:
                table = svc.create_table(request.user, bloc, name=form.cleaned_data["name"], method=form.cleaned_data["method"],
                                         tie_break=form.cleaned_data["tie_break"], deadline=form.cleaned_data["deadline"])  # fmt: skip
            except EmulationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, "Đã tạo bảng điểm (đang soạn): thêm các nhóm và tiêu chí."
                )
                return redirect(_table_url(table))
        return render(
            request, "emulation/scoring/empty.html", {"bloc": bloc, "form": form, "is_head": head}
        )
    return _table_page(request, bloc, current, tables)


@login_required
def table_detail(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    return _table_page(request, bloc, _table(bloc, table_id), sel.bloc_tables(bloc))


def _table_page(request, bloc, table, tables):
    table.bloc = bloc
    nodes = sel.criteria_tree(table)
    members = list(BlocMember.objects.filter(bloc=bloc).select_related("unit"))
    acting = {u.pk for u in acting_members(request.user, bloc)}
    progress = sel.sheet_progress(table)
    n_leaves = len(sel.leaves(nodes))
    grid = []
    for m in members:
        cells = []
        for s in members:
            done = progress.get((s.unit_id, m.unit_id, False), 0)
            cells.append({"scorer": s.unit, "done": done, "mine": s.unit_id in acting})
        panel = progress.get((None, m.unit_id, True), 0)
        grid.append({"member": m.unit, "cells": cells, "panel": panel})
    ctx = {
        "bloc": bloc, "table": table, "tables": tables, "nodes": nodes, "members": members, "grid": grid,
        "n_leaves": n_leaves, "is_head": is_bloc_head(request.user, bloc), "acting": acting,
        "is_draft": table.status == ScoringStatus.DRAFT, "is_panel": table.method == CrossScoringMethod.PANEL,
        "max_total": sel.max_total(nodes), "has_next_year": _has_next(bloc),
    }  # fmt: skip
    return render(request, "emulation/scoring/table.html", ctx)


def _has_next(bloc) -> bool:
    try:
        return bloc.next_year is not None
    except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
        return False


@login_required
def table_settings(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied(HEAD_ONLY)
    locked = (
        []
        if table.status == ScoringStatus.DRAFT
        else ["method", "tie_1", "tie_2", "tie_3", "tie_4"]
    )
    form = TableForm(
        request.POST or None, initial=TableForm.initial_for(table), locked_fields=locked
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ("name", "deadline")}
        if not locked:
            fields.update(
                method=form.cleaned_data["method"], tie_break=form.cleaned_data["tie_break"]
            )
        try:
            svc.update_table(request.user, table, **fields)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu cài đặt bảng điểm.")
            return redirect(_table_url(table))
    return render(
        request, "emulation/scoring/settings.html", {"bloc": bloc, "table": table, "form": form}
    )


@login_required
def criterion_form(request, pk, table_id, criterion_id=None):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied(HEAD_ONLY)
    criterion = get_object_or_404(Criterion, pk=criterion_id, table=table) if criterion_id else None
    initial = {}
    if criterion is None and request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    form = CriterionForm(request.POST or None, instance=criterion, table=table, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {
            k: form.cleaned_data[k]
            for k in ("parent", "code", "name", "kind", "max_points", "guidance")
        }
        try:
            if criterion is None:
                svc.add_criterion(request.user, table, **data)
            else:
                criterion.refresh_from_db()
                svc.update_criterion(request.user, criterion, **data)
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lưu tiêu chí {data['code']}.")
            return redirect(_table_url(table))
    return render(
        request,
        "emulation/scoring/criterion_form.html",
        {"bloc": bloc, "table": table, "form": form, "criterion": criterion},
    )


@login_required
def criteria_import(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied(HEAD_ONLY)
    if request.GET.get("mau"):
        example = [["I", "Thực hiện nhiệm vụ được giao", "Nhóm tiêu chí", 40, "", ""],
                   ["1.1", "Hoàn thành chỉ tiêu kế hoạch năm", "Tiêu chí", 20, "I", "Hoàn thành 100% chỉ tiêu: 20 điểm"],
                   ["T", "Điểm thưởng", "Nhóm tiêu chí", 5, "", "Mức trần của cả nhóm"],
                   ["T1", "Được tặng Cờ thi đua của Chính phủ", "Điểm thưởng", 3, "T", ""],
                   ["P1", "Chậm gửi báo cáo", "Điểm trừ", 2, "", "Mỗi lần chậm trừ 0,5 điểm"]]  # fmt: skip
        response = HttpResponse(svc.criteria_template(example), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-bang-diem.xlsx"'
        return response
    form = ImportCriteriaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            n = svc.import_criteria(request.user, table, form.cleaned_data["file"])
        except EmulationError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"Đã nhập {n} dòng tiêu chí.")
            return redirect(_table_url(table))
    return render(
        request, "emulation/scoring/import.html", {"bloc": bloc, "table": table, "form": form}
    )


@login_required
def criterion_delete(request, pk, table_id, criterion_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied(HEAD_ONLY)
    criterion = get_object_or_404(Criterion, pk=criterion_id, table=table)
    if request.method == "POST":
        try:
            svc.delete_criterion(request.user, criterion)
        except EmulationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Đã xóa tiêu chí {criterion.code}.")
        return redirect(_table_url(table))
    children = criterion.children.count()
    text = f"Xóa “{criterion}”" + (f" cùng {children} mục con của nhóm" if children else "") + "?"
    return render(
        request,
        "emulation/scoring/confirm.html",
        {"bloc": bloc, "table": table, "question": text, "button": "Xóa", "danger": True},
    )


@login_required
@require_POST
def criterion_move(request, pk, table_id, criterion_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    criterion = get_object_or_404(Criterion, pk=criterion_id, table=table)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied("Chỉ Trưởng khối sắp xếp được tiêu chí.")
    try:
        svc.move_criterion(
            request.user, criterion, -1 if request.POST.get("direction") == "up" else 1
        )
    except EmulationError as exc:
        messages.error(request, str(exc))
    return redirect(_table_url(table))


ACTIONS = {
    "open": ("Áp dụng bảng điểm (mở chấm điểm)", "Mở chấm điểm bảng “{t}”? Phiên bản đang chấm (nếu có) sẽ được thay.", svc.open_table),
    "new_version": ("Sửa bảng điểm", "Tạo phiên bản mới (đang soạn) của “{t}” để sửa? Điểm đã chấm ở phiên bản hiện tại được giữ nguyên.", svc.new_version),
    "copy_next_year": ("Sao chép sang năm sau", "Sao chép bảng điểm “{t}” sang khối năm sau (bảng mới ở trạng thái đang soạn)?", svc.copy_to_next_year),
}  # fmt: skip


@login_required
def table_action(request, pk, table_id, action):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if action not in ACTIONS:
        raise Http404
    title, question, fn = ACTIONS[action]
    if request.method == "POST":
        try:
            result = fn(request.user, table)
        except EmulationError as exc:
            messages.error(request, str(exc))
            return redirect(_table_url(table))
        messages.success(request, f"{title}: đã thực hiện.")
        if isinstance(result, ScoringTable):
            return redirect(_table_url(result))
        return redirect(_table_url(table))
    return render(request, "emulation/scoring/confirm.html",
                  {"bloc": bloc, "table": table, "title": title, "question": question.format(t=table), "button": title})  # fmt: skip


@login_required
def table_lock(request, pk, table_id):
    """Lock the table; every required sheet still missing needs the bloc head's reason (one
    text box per sheet), recorded before the lock is tried."""
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied("Chỉ Trưởng khối khóa được bảng điểm.")
    error = ""
    if request.method == "POST":
        reasons = {k[2:]: v for k, v in request.POST.items() if k.startswith("r_") and v.strip()}
        try:
            if reasons:
                n = svc.record_missing_reasons(request.user, table, reasons)
                if n:
                    messages.info(request, f"Đã ghi lý do cho {n} phiếu chấm còn thiếu.")
            svc.lock_table(request.user, table)
        except EmulationError as exc:
            error = str(exc)
        else:
            messages.success(request, "Đã khóa bảng điểm; kết quả xếp hạng được chốt.")
            return redirect(_table_url(table))
    missing = sel.missing_sheets(table)
    return render(request, "emulation/scoring/lock.html",
                  {"bloc": bloc, "table": table, "missing": missing, "error": error})  # fmt: skip


@login_required
def table_reopen(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    if not is_bloc_head(request.user, bloc):
        raise PermissionDenied("Chỉ Trưởng khối mở lại được bảng điểm.")
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.reopen_table(
                request.user,
                table,
                reason=form.cleaned_data["reason"],
                deadline=form.cleaned_data["deadline"],
            )
        except EmulationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã mở lại bảng điểm.")
            return redirect(_table_url(table))
    return render(
        request, "emulation/scoring/reopen.html", {"bloc": bloc, "table": table, "form": form}
    )


@login_required
def sheet(request, pk, table_id, member_id):
    """One sheet: ?scorer=<unit id> (self-scoring when it is the member) or ?panel=1."""
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    members = {
        m.unit_id: m.unit for m in BlocMember.objects.filter(bloc=bloc).select_related("unit")
    }
    member = members.get(member_id) or _404()
    panel = request.GET.get("panel") == "1"
    head = is_bloc_head(request.user, bloc)
    scorer = None
    if panel:
        if table.method != CrossScoringMethod.PANEL:
            raise Http404
    else:
        raw_scorer = request.GET.get("scorer") or str(member_id)
        scorer = (members.get(int(raw_scorer)) if raw_scorer.isdigit() else None) or _404()
    acting = {u.pk for u in acting_members(request.user, bloc)}
    can_edit = (head if panel else scorer.pk in acting) and table.status == ScoringStatus.OPEN
    if not (
        head or (scorer is not None and scorer.pk in acting) or (panel and member.pk in acting)
    ):
        raise Http404  # another scorer's sheet is not shown to a member (cross-scoring secrecy)
    nodes = sel.criteria_tree(table)
    existing = sel.sheet_scores(table, member, scorer, panel=panel)
    errors, raw, notes = {}, {}, {}
    if request.method == "POST" and request.POST.get("form") == "sheet":
        points = {}
        for n in sel.leaves(nodes):
            cid = n.criterion.pk
            raw[cid] = request.POST.get(f"p_{cid}", "").strip()
            notes[cid] = request.POST.get(f"n_{cid}", "").strip()
            try:
                points[cid] = svc.parse_points(raw[cid])
            except ValueError as exc:
                errors[cid] = f"Điểm tiêu chí {n.criterion.code}: {exc}"
        errors.update(svc.bound_errors([n.criterion for n in sel.leaves(nodes)], points))
        if not errors:
            try:
                svc.save_sheet(
                    request.user,
                    table,
                    member,
                    scorer=scorer,
                    panel=panel,
                    points=points,
                    notes=notes,
                )
            except EmulationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "Đã lưu phiếu chấm điểm.")
                return redirect(request.get_full_path())
    evidence_form = EvidenceForm(table=table)
    if request.method == "POST" and request.POST.get("form") == "evidence":
        evidence_form = EvidenceForm(request.POST, request.FILES, table=table)
        if evidence_form.is_valid():
            try:
                svc.add_evidence(
                    request.user,
                    table,
                    member,
                    evidence_form.cleaned_data["criterion"],
                    evidence_form.cleaned_data["file"],
                )
            except EmulationError as exc:
                evidence_form.add_error("file", str(exc))
            else:
                messages.success(request, "Đã thêm minh chứng.")
                return redirect(request.get_full_path())
    values = {cid: s.points for cid, s in existing.items()}
    totals = sel.sheet_totals(nodes, values)
    evidence = sel.sheet_evidence(table, member)
    rows = []
    for n in nodes:
        cid = n.criterion.pk
        score = existing.get(cid)
        rows.append({
            "node": n, "value": raw.get(cid, "" if score is None else score.points), "note": notes.get(cid, score.note if score else ""),
            "error": errors.get(cid), "group_total": totals.groups.get(cid), "evidence": evidence.get(cid, []),
        })  # fmt: skip
    ctx = {
        "bloc": bloc, "table": table, "member": member, "scorer": scorer, "panel": panel, "rows": rows, "totals": totals,
        "can_edit": can_edit, "errors": errors, "evidence_form": evidence_form,
        "is_self": scorer is not None and scorer.pk == member.pk, "can_add_evidence": can_edit and scorer is not None and scorer.pk == member.pk,
    }  # fmt: skip
    return render(request, "emulation/scoring/sheet.html", ctx)


def _404():
    raise Http404("Không tìm thấy đơn vị trong khối.")


@login_required
def evidence_download(request, pk, table_id, evidence_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    ev = get_object_or_404(
        ScoreEvidence.objects.select_related("file"), pk=evidence_id, table=table
    )
    return file_response(ev.file)


def _results_context(request, bloc, table):
    nodes = sel.criteria_tree(table)
    members = list(BlocMember.objects.filter(bloc=bloc).select_related("unit"))
    ranking = sel.compute_ranking(table, members=members, nodes=nodes)
    return {
        "bloc": bloc,
        "table": table,
        "ranking": ranking,
        "max_total": sel.max_total(nodes),
        "chart_height": 28 * len(ranking) + 10,
        "missing": sel.missing_sheets(table, members) if table.status in (ScoringStatus.OPEN, ScoringStatus.LOCKED) else [],
    }  # fmt: skip


@login_required
def results(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    return render(request, "emulation/scoring/results.html", _results_context(request, bloc, table))


HEADERS = [
    "Xếp hạng",
    "Đơn vị",
    "Tự chấm",
    "Chấm chéo (tiêu chí)",
    "Điểm thưởng",
    "Điểm trừ",
    "Tổng điểm",
    "Ghi chú bằng điểm",
]


def _result_rows(ranking):
    return [
        [r.rank, r.unit.name, r.self_total, r.cross_total, r.bonus, r.penalty, r.final, r.tie_note]
        for r in ranking
    ]


@login_required
def results_xlsx(request, pk, table_id):
    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    ctx = _results_context(request, bloc, table)
    return xlsx_response(
        f"xep-hang-{bloc.abbreviation}-{bloc.year}.xlsx", "Xếp hạng", HEADERS, _result_rows(ctx["ranking"]),
        report=f"Kết quả chấm điểm, xếp hạng thi đua năm {bloc.year} — {table.name} (phiên bản {table.version})",
        unit=f"{bloc.name} ({bloc.abbreviation})",
    )  # fmt: skip


@login_required
def results_docx(request, pk, table_id):
    from docx import Document
    from docx.shared import Pt

    bloc = bloc_or_404(request.user, pk)
    table = _table(bloc, table_id)
    ctx = _results_context(request, bloc, table)
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(13)
    doc.add_heading(f"KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM {bloc.year}", level=1)
    doc.add_paragraph(
        f"{bloc.name} ({bloc.abbreviation}) — {table.name}, phiên bản {table.version} ({table.get_status_display()})"
    )
    grid = doc.add_table(rows=1, cols=len(HEADERS))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for r in _result_rows(ctx["ranking"]):
        cells = grid.add_row().cells
        for cell, value in zip(cells, r, strict=True):
            cell.text = (
                ""
                if value is None
                else (
                    f"{value:.2f}".replace(".", ",") if hasattr(value, "as_tuple") else str(value)
                )
            )
    out = io.BytesIO()
    doc.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="xep-hang-{bloc.pk}-{bloc.year}.docx"'
    return response


_T = "khoi/<int:pk>/cham-diem/<int:table_id>/"
urlpatterns = [
    path("khoi/<int:pk>/cham-diem/", scoring, name="scoring"),
    path(_T, table_detail, name="scoring_table"),
    path(_T + "cai-dat/", table_settings, name="scoring_settings"),
    path(_T + "tieu-chi/them/", criterion_form, name="criterion_add"),
    path(_T + "tieu-chi/nhap-excel/", criteria_import, name="criteria_import"),
    path(_T + "tieu-chi/<int:criterion_id>/sua/", criterion_form, name="criterion_edit"),
    path(_T + "tieu-chi/<int:criterion_id>/xoa/", criterion_delete, name="criterion_delete"),
    path(_T + "tieu-chi/<int:criterion_id>/di-chuyen/", criterion_move, name="criterion_move"),
    path(_T + "thao-tac/<slug:action>/", table_action, name="scoring_action"),
    path(_T + "khoa/", table_lock, name="scoring_lock"),
    path(_T + "mo-lai/", table_reopen, name="scoring_reopen"),
    path(_T + "phieu/<int:member_id>/", sheet, name="scoring_sheet"),
    path(_T + "minh-chung/<int:evidence_id>/", evidence_download, name="scoring_evidence"),
    path(_T + "ket-qua/", results, name="scoring_results"),
    path(_T + "ket-qua.xlsx", results_xlsx, name="scoring_results_xlsx"),
    path(_T + "ket-qua.docx", results_docx, name="scoring_results_docx"),
]
