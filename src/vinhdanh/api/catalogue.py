"""The catalogue over the API, read-only: codes, dated values and their citations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.errors import HttpError

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.catalogue import selectors

router = Router(tags=["Danh mục"])

NO_VIEW = "Tài khoản chưa được phân quyền xem dữ liệu."


def _require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise HttpError(403, NO_VIEW)


class CatalogueRatingOut(Schema):
    code: str
    name: str
    order: int


class CatalogueHonourOut(Schema):
    code: str
    name: str
    short_name: str
    category: str
    for_individual: bool
    for_collective: bool
    for_household: bool
    decider: str
    rank: int
    is_builtin: bool
    is_active: bool
    issuer_id: int | None


class MultipleOut(Schema):
    id: int
    honour: str
    subject_kind: str
    multiple: Decimal
    valid_from: dt.date
    citation: str

    @staticmethod
    def resolve_honour(obj) -> str:
        return obj.honour_id


class BaseSalaryOut(Schema):
    id: int
    valid_from: dt.date
    amount: int
    source: str


class ThresholdOut(Schema):
    id: int
    honour: str
    share: Decimal
    valid_from: dt.date
    citation: str

    @staticmethod
    def resolve_honour(obj) -> str:
        return obj.honour_id


class CodeOut(Schema):
    code: str
    name: str


class ScopeOut(CodeOut):
    rank: int


class DisciplineFormOut(CodeOut):
    severity: int


@router.get("/ratings", response=list[CatalogueRatingOut], summary="Mức xếp loại")
def ratings(request):
    _require_view(request.auth)
    return list(selectors.ratings_list())


@router.get(
    "/honours", response=list[CatalogueHonourOut], summary="Danh hiệu, hình thức khen thưởng"
)
def honours(request, category: str | None = None, subject_kind: str | None = None):
    _require_view(request.auth)
    qs = selectors.honours_for(subject_kind, active_only=False).order_by(
        "category", "position", "code"
    )
    if category:
        qs = qs.filter(category=category)
    return list(qs)


@router.get("/multiples", response=list[MultipleOut], summary="Hệ số tiền thưởng (lần lương cơ sở)")
def multiples(request):
    _require_view(request.auth)
    return list(selectors.multiples_list())


@router.get("/base-salaries", response=list[BaseSalaryOut], summary="Mức lương cơ sở")
def base_salaries(request):
    _require_view(request.auth)
    return list(selectors.base_salaries_list())


@router.get("/thresholds", response=list[ThresholdOut], summary="Ngưỡng biểu quyết hội đồng")
def thresholds(request):
    _require_view(request.auth)
    return list(selectors.thresholds_list())


@router.get("/initiative-kinds", response=list[CodeOut], summary="Loại sáng kiến, đề tài")
def initiative_kinds(request):
    _require_view(request.auth)
    return list(selectors.initiative_kinds_list())


@router.get("/scopes", response=list[ScopeOut], summary="Phạm vi ảnh hưởng")
def scopes(request):
    _require_view(request.auth)
    return list(selectors.initiative_scopes_list())


@router.get("/discipline-forms", response=list[DisciplineFormOut], summary="Hình thức kỷ luật")
def discipline_forms(request):
    _require_view(request.auth)
    return list(selectors.discipline_forms_list())
