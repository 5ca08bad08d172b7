"""Screens: the rules and their parameters, candidate lists with exports and background
runs. The profile verdicts are rendered by the registry's profile pages (profile.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, has_capability, scope_paths, scoped
from vinhdanh.core.exports import XLSX_CONTENT_TYPE
from vinhdanh.orgs.people_views import unit_options
from vinhdanh.orgs.selectors import resolve_unit, units_visible
from vinhdanh.rules.core import TITLE_CHAIN, all_rules, forecast

from . import services
from .candidates import CandidateFilter, candidate_rows, count_subjects, target_choices
from .enums import CONFIDENCE_LABELS, KIND_LABELS, STATUS_BADGES, STATUS_LABELS, ExportFormat
from .exports import DOCX_CONTENT_TYPE, write_candidates_docx, write_candidates_xlsx
from .forms import ParameterForm
from .models import EligibilityRun
from .selectors import Jurisdictions, catalogue_from_db, effective_parameters, load_people

INLINE_LIMIT = 2_000  # more subjects than this go to a background run
PAGE_SIZE = 50


@login_required
def rule_list(request):
    if not has_capability(request.user, Capability.VIEW):
        raise Http404
    return _render_rules(request, ParameterForm(user=request.user))


def _render_rules(request, form, status=200):
    year = timezone.localdate().year
    catalogue = catalogue_from_db()
    groups: dict[tuple[str, str], list] = {}
    for rule in all_rules():
        groups.setdefault((rule.target, rule.kind), []).append(
            {
                "id": rule.id,
                "citation": rule.citation,
                "confidence": rule.confidence,
                "confidence_label": CONFIDENCE_LABELS[rule.confidence],
                "valid_from": rule.valid_from,
                "description": rule.description,
                "params": rule.params,
            }  # fmt: skip
        )
    rule_groups = [
        {
            "target": t,
            "kind": KIND_LABELS.get(k, "Chung" if k == "*" else k),
            "name": catalogue.name(t) if t in catalogue.codes else "Nguyên tắc chung",
            "rules": rules,
        }  # fmt: skip
        for (t, k), rules in groups.items()
    ]
    ctx = {
        "rule_groups": rule_groups,
        "rule_count": sum(len(g["rules"]) for g in rule_groups),
        "parameters": effective_parameters(year),
        "year": year,
        "form": form,
        "can_set": has_capability(request.user, Capability.EDIT_CATALOGUE),
    }
    return render(request, "rules/rule_list.html", ctx, status=status)


@login_required
@require_POST
def parameter_set(request):
    if not has_capability(request.user, Capability.EDIT_CATALOGUE):
        raise Http404
    form = ParameterForm(request.POST, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.rule_parameter_set(
                request.user, key=d["key"], value=d["value"], valid_from=d["valid_from"],
                jurisdiction=d["jurisdiction"], note=d["note"],
            )  # fmt: skip
        except services.RulesError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã đặt tham số {d['key']}.")
            return redirect("rules:rule_list")
    return _render_rules(request, form, status=422)


# -- candidate lists --------------------------------------------------------------------------


def _filter_from(request) -> tuple[object, CandidateFilter]:
    user = request.user
    g = request.GET
    unit = resolve_unit(user, g.get("unit"))
    if unit is None:
        if g.get("unit"):
            raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
        roots = scope_paths(user, Capability.VIEW)
        qs = units_visible(user).order_by("depth", "path")
        if "" not in roots:
            qs = qs.filter(path__in=roots)
        unit = qs.first()
        if unit is None:
            raise Http404
    try:
        year = int(g.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 1945), 2100)
    target = g.get("target", "")
    if target not in dict(target_choices()):
        target = ""
    status = g.get("status", "eligible")
    if status not in ("", *STATUS_LABELS):
        status = "eligible"
    kind = g.get("kind", "")
    if kind not in ("", "individual", "collective"):
        kind = ""
    q = (g.get("q") or "").strip()[:100]
    return unit, CandidateFilter(year=year, target=target, status=status, kind=kind, q=q)


@login_required
def candidates(request):
    unit, f = _filter_from(request)
    total = count_subjects(unit, f)
    export = request.GET.get("export")
    ctx = {
        "unit": unit, "f": f, "total": total, "inline_limit": INLINE_LIMIT,
        "unit_options": unit_options(request.user, unit), "targets": target_choices(),
        "statuses": STATUS_LABELS, "badges": STATUS_BADGES, "kinds": KIND_LABELS,
        "show_forecast": request.GET.get("forecast") == "1",
        "runs": EligibilityRun.objects.filter(created_by=request.user).select_related("unit")[:5],
        "year_choices": range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1),
    }  # fmt: skip
    if total > INLINE_LIMIT:
        ctx["too_large"] = True
        return render(request, "rules/candidates.html", ctx)
    rows = candidate_rows(unit, f)
    if export in ExportFormat.values:
        return _export(rows, unit, f, export)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    forecasts = _forecasts(page, f.year) if ctx["show_forecast"] else {}
    ctx["items"] = [
        (r, forecasts.get(r.subject_id) if r.kind == "individual" else None) for r in page
    ]
    ctx["page"] = page
    ctx["row_count"] = len(rows)
    return render(request, "rules/candidates.html", ctx)


def _forecasts(page, year: int) -> dict[int, object]:
    """Forecast of the title chain for the people on the page (one load for all of them)."""
    from vinhdanh.orgs.models import Person

    ids = {r.subject_id for r in page if r.kind == "individual"}
    if not ids:
        return {}
    catalogue = catalogue_from_db()
    histories, extra = load_people(
        Person.objects.filter(pk__in=ids),
        None,
        catalogue=catalogue,
        fields=("unit__path",),
        stream=False,
    )
    juris = Jurisdictions(year, catalogue)
    result = {}
    for pid, history in histories.items():
        fc = forecast(history, year + 1, TITLE_CHAIN, engine=juris.engine_for_path(extra[pid][0]))
        result[pid] = {"name": catalogue.name(fc.target), "year": fc.year, "missing": fc.missing}
    return result


def _export(rows, unit, f: CandidateFilter, fmt: str):
    import tempfile

    tmp = tempfile.TemporaryFile(suffix=f".{fmt}")  # noqa: SIM115 - closed by FileResponse
    if fmt == ExportFormat.DOCX:
        write_candidates_docx(
            tmp, rows, unit_name=unit.name, year=f.year, status=f.status, unit=unit
        )
        content_type = DOCX_CONTENT_TYPE
    else:
        write_candidates_xlsx(tmp, rows, year=f.year, unit_name=unit.name, status=f.status)
        content_type = XLSX_CONTENT_TYPE
    tmp.seek(0)
    name = f"danh-sach-den-han-{unit.code}-{f.year}.{fmt}"
    return FileResponse(tmp, as_attachment=True, filename=name, content_type=content_type)


@login_required
@require_POST
def run_start(request):
    request.GET = request.POST  # the same filter fields, posted
    unit, f = _filter_from(request)
    fmt = request.POST.get("format", ExportFormat.XLSX)
    try:
        run = services.eligibility_run_start(request.user, unit=unit, f=f, export_format=fmt)
    except services.RulesError as exc:
        messages.error(request, str(exc))
        return redirect("rules:candidates")
    return redirect("rules:run_detail", pk=run.pk)


def _run_or_404(request, pk: int) -> EligibilityRun:
    qs = EligibilityRun.objects.select_related("unit").filter(created_by=request.user)
    run = scoped(qs, request.user, path_field="unit__path").filter(pk=pk).first()
    if run is None:
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    return run


@login_required
def run_detail(request, pk: int):
    run = _run_or_404(request, pk)
    if request.htmx:
        if not run.is_running:
            return HttpResponseClientRefresh()
        return render(request, "rules/_run_progress.html", {"run": run})
    return render(request, "rules/run_detail.html", {"run": run})


@login_required
def run_download(request, pk: int):
    run = _run_or_404(request, pk)
    if not run.file or not can_on_unit(request.user, Capability.VIEW, run.unit):
        raise Http404("Tệp chưa sẵn sàng.")
    content_type = DOCX_CONTENT_TYPE if run.export_format == "docx" else XLSX_CONTENT_TYPE
    name = f"danh-sach-den-han-{run.unit.code}-{run.year}.{run.export_format}"
    try:
        handle = run.file.open("rb")
    except FileNotFoundError:
        return HttpResponse("Tệp kết quả không còn trên máy chủ.", status=410)
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)


@login_required
@require_POST
def run_cancel(request, pk: int):
    run = _run_or_404(request, pk)
    try:
        run = services.eligibility_run_cancel(request.user, run)
    except services.RulesError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            "Đã hủy lần chạy." if run.status == "cancelled" else "Đã yêu cầu hủy lần chạy.",
        )
    return redirect("rules:run_detail", pk=pk)


@login_required
@require_POST
def run_retry(request, pk: int):
    run = _run_or_404(request, pk)
    try:
        services.eligibility_run_retry(request.user, run)
    except services.RulesError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã chạy lại lần lập danh sách.")
    return redirect("rules:run_detail", pk=pk)
