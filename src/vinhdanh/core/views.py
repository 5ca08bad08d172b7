from __future__ import annotations

import datetime as dt
import json

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability, scope_paths

from . import audit_text
from .exports import unit_label, xlsx_response
from .listing import paginate
from .models import AuditAction, AuditEntry


@login_required
def home(request):
    from vinhdanh.inbox.selectors import work_items
    from vinhdanh.orgs.selectors import dashboard_counts

    items = work_items(request.user)
    return render(
        request,
        "core/home.html",
        {"counts": dashboard_counts(request.user), "items": items[:10], "work_total": len(items)},
    )


def _parse_date(value: str | None):
    if not value:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def audit_entries_for(user):
    """Entries in the user's audit scope; entries without a unit only for root-scope users."""
    roots = scope_paths(user, Capability.VIEW_AUDIT)
    qs = AuditEntry.objects.select_related("unit")
    if "" in roots:
        return qs
    cond = Q(pk__in=[])
    for root in roots:
        cond |= Q(unit__path__startswith=root)
    return qs.filter(cond)


def _object_type_label(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def _field_labels(object_type: str) -> dict[str, str]:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    return {
        f.name: str(f.verbose_name) for f in model._meta.get_fields() if hasattr(f, "verbose_name")
    }


def _changes_text(changes) -> str:
    if not changes:
        return ""
    return json.dumps(changes, ensure_ascii=False, default=str)


def filter_audit(qs, params) -> tuple:
    """Apply the audit screen's filters from ``params`` (a QueryDict); returns (qs, errors)."""
    errors = []
    who = (params.get("user") or "").strip()
    if who:
        qs = qs.filter(actor_name__icontains=who)
    if params.get("object_type"):
        qs = qs.filter(object_type=params["object_type"])
    if params.get("action"):
        qs = qs.filter(action=params["action"])
    text = (params.get("q") or "").strip()
    if text:
        qs = qs.filter(Q(object_repr__icontains=text) | Q(note__icontains=text))
    date_from, date_to = _parse_date(params.get("from")), _parse_date(params.get("to"))
    if params.get("from") and not date_from:
        errors.append("Ngày bắt đầu không đúng định dạng dd/mm/yyyy.")
    if params.get("to") and not date_to:
        errors.append("Ngày kết thúc không đúng định dạng dd/mm/yyyy.")
    if date_from and date_to and date_from > date_to:
        errors.append("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.")
    tz = timezone.get_current_timezone()
    # Whole local days, as half-open datetime ranges so the index on ``at`` is used.
    if date_from:
        qs = qs.filter(at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=tz))
    if date_to:
        qs = qs.filter(
            at__lt=dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    return qs, errors


@login_required
@require_GET
def audit_list(request):
    """Read-only: there is no route that changes an entry (the model refuses it anyway)."""
    if not has_capability(request.user, Capability.VIEW_AUDIT):
        raise Http404("Không tìm thấy hoặc bạn không có quyền truy cập.")
    scope = audit_entries_for(request.user)
    qs, errors = filter_audit(scope, request.GET)
    if request.GET.get("export") == "xlsx":
        labels = {}
        choices = {}
        rows = []
        for e in qs.iterator(chunk_size=2000):
            if e.object_type not in labels:
                labels[e.object_type] = _object_type_label(e.object_type)
                choices[e.object_type] = audit_text.value_labels(e.object_type)
            rows.append(
                (
                    e.at,
                    e.actor_name,
                    e.get_action_display(),
                    labels[e.object_type],
                    e.object_id,
                    e.object_repr,
                    e.unit.name if e.unit else "",
                    _changes_text(e.changes),
                    e.note,
                    audit_text.sentence(e, labels[e.object_type], choices[e.object_type]),
                )
            )
        return xlsx_response(
            "nhat-ky.xlsx",
            "Nhật ký",
            [
                "Thời điểm",
                "Người thực hiện",
                "Hành động",
                "Loại đối tượng",
                "Mã",
                "Đối tượng",
                "Đơn vị",
                "Thay đổi",
                "Ghi chú",
                "Diễn giải",
            ],
            rows,
            report="Nhật ký thao tác",
            unit=unit_label(request.user),
        )
    page = paginate(qs, request)
    object_types = sorted(set(scope.order_by().values_list("object_type", flat=True).distinct()))
    actors = sorted(
        set(scope.order_by().exclude(actor_name="").values_list("actor_name", flat=True).distinct())
    )
    type_labels = {t: _object_type_label(t) for t in object_types}
    field_labels: dict[str, dict[str, str]] = {}
    choice_labels: dict[str, dict[str, dict]] = {}
    for e in page:
        e.object_type_label = type_labels.get(e.object_type) or _object_type_label(e.object_type)
        if e.object_type not in field_labels:
            field_labels[e.object_type] = _field_labels(e.object_type)
            choice_labels[e.object_type] = audit_text.value_labels(e.object_type)
        labels = field_labels[e.object_type]
        choices = choice_labels[e.object_type]
        e.sentence = audit_text.sentence(e, e.object_type_label, choices)
        pairs = e.changes.items() if isinstance(e.changes, dict) else []
        e.change_rows = [
            (
                labels.get(k, k),
                *(
                    audit_text.show(v, choices.get(k))
                    for v in (
                        pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
                    )
                ),
            )
            for k, pair in pairs
        ]
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "errors": errors,
            "actions": AuditAction.choices,
            "object_types": [(t, type_labels[t]) for t in object_types],
            "actors": actors,
        },
    )


def health(request):
    """Liveness probe for load balancers; also the benchmarks' trivial baseline view."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """Vietnamese page for a refused form (expired session or stale page); nothing was saved."""
    return render(request, "403_csrf.html", status=403)
