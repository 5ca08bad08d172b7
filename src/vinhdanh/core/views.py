from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability, scope_paths

from .exports import xlsx_response
from .listing import paginate
from .models import AuditAction, AuditEntry


@login_required
def home(request):
    from vinhdanh.orgs.selectors import dashboard_counts

    return render(request, "core/home.html", {"counts": dashboard_counts(request.user)})


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


@login_required
def audit_list(request):
    if not has_capability(request.user, Capability.VIEW_AUDIT):
        raise Http404
    qs = audit_entries_for(request.user)
    f = request.GET
    if f.get("user"):
        qs = qs.filter(actor_name__icontains=f["user"].strip())
    if f.get("object_type"):
        qs = qs.filter(object_type=f["object_type"])
    if f.get("action"):
        qs = qs.filter(action=f["action"])
    errors = []
    date_from, date_to = _parse_date(f.get("from")), _parse_date(f.get("to"))
    if f.get("from") and not date_from:
        errors.append("Ngày bắt đầu không đúng định dạng dd/mm/yyyy.")
    if f.get("to") and not date_to:
        errors.append("Ngày kết thúc không đúng định dạng dd/mm/yyyy.")
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if f.get("export") == "xlsx":
        rows = (
            (e.at, e.actor_name, e.get_action_display(), e.object_type, e.object_id, e.object_repr, str(e.changes), e.note)
            for e in qs.iterator(chunk_size=2000)
        )
        return xlsx_response(
            "nhat-ky.xlsx",
            "Nhật ký",
            ["Thời điểm", "Người thực hiện", "Hành động", "Loại đối tượng", "Mã", "Đối tượng", "Thay đổi", "Ghi chú"],
            rows,
        )
    page = paginate(qs, request)
    object_types = AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    return render(
        request,
        "core/audit_list.html",
        {
            "page": page,
            "errors": errors,
            "actions": AuditAction.choices,
            "object_types": sorted(set(object_types)),
            "users": get_user_model().objects.none(),
        },
    )


def health(request):
    """Liveness probe for load balancers; also the benchmarks' trivial baseline view."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")
