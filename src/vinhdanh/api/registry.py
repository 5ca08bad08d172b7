"""The commendation register over the API: the same services and scope as the screens.

/api/v1/register/{ratings,honours,initiatives,discipline}: list (filters, pages), read,
create (POST), update (PATCH), delete. Outside the caller's scope → 404; seen but not editable
→ 403; the same entry twice → 409; other refused data → 422. Error bodies are
``{"detail", "errors": [{"field", "message", "code"}]}`` with Vietnamese messages.
"""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, get_scoped_or_404, has_capability, path_q
from vinhdanh.api.pagination import BoundedPagination
from vinhdanh.catalogue.models import (
    DisciplineForm,
    Honour,
    InitiativeKind,
    InitiativeScope,
    Rating,
)
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.registry import services
from vinhdanh.registry.models import DisciplineRecord, HonourRecord, InitiativeRecord, RatingRecord
from vinhdanh.registry.services import RegistryError

router = Router(tags=["Sổ thi đua, khen thưởng"])

NO_VIEW = "Tài khoản chưa được phân quyền xem sổ thi đua, khen thưởng."
NO_EDIT = "Bạn không có quyền cập nhật sổ thi đua, khen thưởng của đơn vị này."


class ErrorItem(Schema):
    field: str
    message: str
    code: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


def _error(status: int, message: str, field: str | None = None, code: str = "invalid"):
    return Status(
        status,
        {
            "detail": message,
            "errors": [{"field": field or "__all__", "message": message, "code": code}],
        },
    )


# Schemas ------------------------------------------------------------------------------------


class EntryOut(Schema):
    id: int
    subject_kind: str
    person_id: int | None
    unit_id: int | None
    subject_name: str
    note: str
    source: str

    @staticmethod
    def resolve_subject_name(obj) -> str:
        return obj.person.full_name if obj.person_id else obj.unit.name


class RatingOut(EntryOut):
    year: int
    rating: str
    rating_name: str

    @staticmethod
    def resolve_rating(obj) -> str:
        return obj.rating_id

    @staticmethod
    def resolve_rating_name(obj) -> str:
        return obj.rating.name


class HonourOut(EntryOut):
    honour: str
    honour_name: str
    achievement_year: int
    decision_number: str
    decision_date: dt.date | None
    issuer: str
    signer: str

    @staticmethod
    def resolve_honour(obj) -> str:
        return obj.honour_id

    @staticmethod
    def resolve_honour_name(obj) -> str:
        return obj.honour.name


class InitiativeOut(EntryOut):
    kind: str
    scope: str
    year: int
    title: str
    document: str
    document_date: dt.date | None

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.kind_id

    @staticmethod
    def resolve_scope(obj) -> str:
        return obj.scope_id


class DisciplineOut(EntryOut):
    form: str
    start: dt.date
    end: dt.date | None
    decision: str

    @staticmethod
    def resolve_form(obj) -> str:
        return obj.form_id


class SubjectIn(Schema):
    """Exactly one subject: a person (``person_id`` or ``cccd``) or a collective (``unit_id`` or ``unit_code``)."""

    person_id: int | None = None
    cccd: str | None = None
    unit_id: int | None = None
    unit_code: str | None = None


class RatingIn(SubjectIn):
    year: int
    rating: str
    note: str = ""


class RatingPatch(Schema):
    year: int | None = None
    rating: str | None = None
    note: str | None = None


class HonourIn(SubjectIn):
    honour: str
    achievement_year: int
    decision_number: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""
    signer: str = ""
    note: str = ""


class HonourPatch(Schema):
    honour: str | None = None
    achievement_year: int | None = None
    decision_number: str | None = None
    decision_date: dt.date | None = None
    issuer: str | None = None
    signer: str | None = None
    note: str | None = None


class InitiativeIn(SubjectIn):
    kind: str
    scope: str
    year: int
    title: str
    document: str = ""
    document_date: dt.date | None = None
    note: str = ""


class InitiativePatch(Schema):
    kind: str | None = None
    scope: str | None = None
    year: int | None = None
    title: str | None = None
    document: str | None = None
    document_date: dt.date | None = None
    note: str | None = None


class DisciplineIn(SubjectIn):
    form: str
    start: dt.date
    end: dt.date | None = None
    decision: str = ""
    note: str = ""


class DisciplinePatch(Schema):
    form: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    decision: str | None = None
    note: str | None = None


NULLABLE = {"decision_date", "document_date", "end"}
SUBJECT_FIELDS = {"person_id", "cccd", "unit_id", "unit_code"}


# Helpers ------------------------------------------------------------------------------------


def _scope_q(user) -> Q:
    return path_q(user, Capability.VIEW, "person__unit__path") | path_q(
        user, Capability.VIEW, "unit__path"
    )


def _require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise HttpError(403, NO_VIEW)


def _subject(user, data: dict) -> dict:
    person_ref = data.get("person_id") or data.get("cccd")
    unit_ref = data.get("unit_id") or data.get("unit_code")
    if bool(person_ref) == bool(unit_ref):
        raise RegistryError(
            "Chỉ rõ một cá nhân (person_id hoặc cccd) hoặc một tập thể (unit_id hoặc unit_code).",
            "person_id",
        )
    if data.get("person_id"):
        return {
            "person": get_scoped_or_404(
                Person.objects.select_related("unit"), user, pk=data["person_id"]
            )
        }
    if data.get("cccd"):
        return {
            "person": get_scoped_or_404(
                Person.objects.select_related("unit"), user, cccd=data["cccd"].strip()
            )
        }
    if data.get("unit_id"):
        return {
            "unit": get_scoped_or_404(
                Unit.objects.all(), user, path_field="path", pk=data["unit_id"]
            )
        }
    return {
        "unit": get_scoped_or_404(
            Unit.objects.all(), user, path_field="path", code=data["unit_code"].strip()
        )
    }


def _fields(data: dict, fks: dict[str, type]) -> dict:
    """Payload values for the service: catalogue codes become objects, unknown codes refused."""
    out = {}
    for name, value in data.items():
        if name in SUBJECT_FIELDS:
            continue
        if value is None and name not in NULLABLE:
            raise RegistryError("Không được để trống.", name)
        if name in fks:
            obj = fks[name].objects.filter(pk=str(value).strip().upper()).first()
            if obj is None:
                raise RegistryError(f"Mã “{value}” không có trong danh mục.", name)
            value = obj
        out[name] = value
    return out


def _run(fn: Callable):
    try:
        return fn()
    except PermissionDenied as exc:
        return _error(403, str(exc) or NO_EDIT, code="forbidden")
    except RegistryError as exc:
        status = 409 if exc.code == "duplicate" else 422
        return _error(status, exc.message, exc.field, exc.code)


def _mount(
    kind: str,
    path: str,
    model,
    out,
    schema_in,
    schema_patch,
    fks: dict,
    year_field: str,
    code_field: str,
):
    sub = Router(tags=["Sổ thi đua, khen thưởng"])
    related = ["person", "unit", *fks]
    errors = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}

    @sub.get(
        "",
        response=list[out],
        operation_id=f"register_{kind}_list",
        summary="Danh sách trong phạm vi",
    )
    @paginate(BoundedPagination)
    def list_entries(
        request,
        person_id: int | None = None,
        cccd: str | None = None,
        unit_id: int | None = None,
        unit_code: str | None = None,
        year: int | None = None,
        code: str | None = None,
    ):
        _require_view(request.auth)
        qs = (
            model.objects.filter(_scope_q(request.auth))
            .select_related(*related)
            .order_by(f"-{year_field}", "pk")
        )
        if person_id:
            qs = qs.filter(person_id=person_id)
        if cccd:
            qs = qs.filter(person__cccd=cccd.strip())
        if unit_id or unit_code:
            unit = (
                Unit.objects.filter(pk=unit_id)
                if unit_id
                else Unit.objects.filter(code=unit_code.strip())
            )
            unit = unit.first()
            path = unit.path if unit else "-"
            qs = qs.filter(Q(person__unit__path__startswith=path) | Q(unit__path__startswith=path))
        if year:
            qs = qs.filter(**{year_field: year})
        if code:
            qs = qs.filter(**{code_field: code.strip().upper()})
        return qs

    def _get(user, pk: int):
        record = model.objects.select_related(*related, "person__unit").filter(pk=pk).first()
        if record is None or not can_on_unit(user, Capability.VIEW, services.record_unit(record)):
            raise Http404
        return record

    @sub.get(
        "/{int:pk}",
        response={200: out, **errors},
        operation_id=f"register_{kind}_read",
        summary="Xem một mục",
    )
    def read_entry(request, pk: int):
        return Status(200, _get(request.auth, pk))

    @sub.post(
        "",
        response={201: out, **errors},
        operation_id=f"register_{kind}_create",
        summary="Thêm vào sổ",
    )
    def create_entry(request, payload: schema_in):
        def work():
            data = payload.dict()
            subject = _subject(request.auth, data)
            record = services.entry_create(request.auth, kind, **subject, **_fields(data, fks))
            return Status(201, _get(request.auth, record.pk))

        return _run(work)

    @sub.patch(
        "/{int:pk}",
        response={200: out, **errors},
        operation_id=f"register_{kind}_update",
        summary="Sửa một mục",
    )
    def update_entry(request, pk: int, payload: schema_patch):
        record = _get(request.auth, pk)

        def work():
            services.entry_update(
                request.auth, record, **_fields(payload.dict(exclude_unset=True), fks)
            )
            return Status(200, _get(request.auth, pk))

        return _run(work)

    @sub.delete(
        "/{int:pk}",
        response={204: None, **errors},
        operation_id=f"register_{kind}_delete",
        summary="Xóa một mục",
    )
    def delete_entry(request, pk: int):
        record = _get(request.auth, pk)

        def work():
            services.entry_delete(request.auth, record)
            return Status(204, None)

        return _run(work)

    router.add_router(path, sub)


_mount(
    "rating",
    "/ratings",
    RatingRecord,
    RatingOut,
    RatingIn,
    RatingPatch,
    {"rating": Rating},
    "year",
    "rating_id",
)
_mount(
    "honour",
    "/honours",
    HonourRecord,
    HonourOut,
    HonourIn,
    HonourPatch,
    {"honour": Honour},
    "achievement_year",
    "honour_id",
)
_mount(
    "initiative", "/initiatives", InitiativeRecord, InitiativeOut, InitiativeIn, InitiativePatch,
    {"kind": InitiativeKind, "scope": InitiativeScope}, "year", "kind_id",
)  # fmt: skip
_mount(
    "discipline",
    "/discipline",
    DisciplineRecord,
    DisciplineOut,
    DisciplineIn,
    DisciplinePatch,
    {"form": DisciplineForm},
    "start__year",
    "form_id",
)
