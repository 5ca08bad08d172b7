"""Units and people over the API: the same services and the same scope as the screens.

Outside the caller's scope → 404; seen but not editable → 403; refused data → 422 with
``errors: [{field, message, code}]`` (an ``OrgsError`` becomes a Django ``ValidationError``).
"""

import datetime as dt
from contextlib import contextmanager
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import get_scoped_or_404, has_capability
from vinhdanh.api.pagination import BoundedPagination
from vinhdanh.orgs import selectors, services
from vinhdanh.orgs.divisions import province_name, ward_name
from vinhdanh.orgs.enums import Gender, UnitLevel
from vinhdanh.orgs.models import Person, Unit
from vinhdanh.orgs.services import OrgsError

units_router = Router(tags=["Đơn vị"])
people_router = Router(tags=["Cá nhân"])

NO_VIEW = "Tài khoản chưa được phân quyền xem dữ liệu đơn vị, cá nhân."
NO_EDIT = "Bạn không có quyền quản lý đơn vị, cá nhân."

LevelCode = Literal[tuple(UnitLevel.values)]  # type: ignore[valid-type]
GenderCode = Literal[tuple(Gender.values)]  # type: ignore[valid-type]
UnitRefIn = str | int


@contextmanager
def service_errors():
    try:
        yield
    except OrgsError as exc:
        raise DjangoValidationError({exc.field or "__all__": [exc.message]}) from exc


NULLABLE = {"province_code", "ward_code", "active_from", "date_of_birth", "hired_on"}


def _patch_data(payload: Schema) -> dict:
    data = payload.dict(exclude_unset=True)
    empty = {
        k: ["Không được để trống."] for k, v in data.items() if v is None and k not in NULLABLE
    }
    if empty:
        raise DjangoValidationError(empty)
    return data


def _require(user, capability: str) -> None:
    if not has_capability(user, capability):
        raise PermissionDenied(NO_VIEW if capability == Capability.VIEW else NO_EDIT)


def _unit_ref(user, ref, field: str) -> Unit | None:
    if ref in (None, ""):
        return None
    unit = selectors.resolve_unit(user, ref)
    if unit is None:
        raise DjangoValidationError(
            {field: [f"Không tìm thấy đơn vị “{ref}” trong phạm vi của bạn."]}
        )
    return unit


# Schemas -----------------------------------------------------------------------------------


class UnitRef(Schema):
    id: int = Field(description="Mã số nội bộ của đơn vị")
    code: str = Field(description="Mã đơn vị")
    name: str = Field(description="Tên đơn vị")


class UnitOut(Schema):
    id: int = Field(description="Mã số nội bộ")
    code: str = Field(description="Mã đơn vị (duy nhất), ví dụ HN.SYT")
    name: str = Field(description="Tên đơn vị")
    abbreviation: str = Field(description="Tên viết tắt, dùng trong số hiệu văn bản")
    level: str = Field(description="Cấp: TW, BO_TINH, SO_NGANH, XA, CO_SO")
    level_label: str = Field(description="Tên cấp")
    parent_id: int | None = Field(description="Mã số đơn vị cấp trên")
    depth: int = Field(description="Độ sâu trong cây (0 = cấp cao nhất)")
    province_code: int | None = Field(description="Mã tỉnh/thành phố (danh mục từ 01/7/2025)")
    province_name: str = Field(description="Tên tỉnh/thành phố")
    ward_code: int | None = Field(description="Mã xã/phường/đặc khu")
    ward_name: str = Field(description="Tên xã/phường/đặc khu")
    address: str = Field(description="Số nhà, đường")
    active_from: dt.date | None = Field(description="Hoạt động từ ngày")
    active_to: dt.date | None = Field(
        description="Ngừng hoạt động từ ngày (trống nếu đang hoạt động)"
    )
    pending_review: bool = Field(description="Đang xem xét (kỷ luật, thanh tra, khiếu nại)")
    pending_review_note: str = Field(description="Lý do đang xem xét")

    @staticmethod
    def resolve_level_label(obj) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_province_name(obj) -> str:
        return province_name(obj.province_code)

    @staticmethod
    def resolve_ward_name(obj) -> str:
        return ward_name(obj.ward_code)


class UnitCreateIn(Schema):
    parent: UnitRefIn | None = Field(
        None, description="Đơn vị cấp trên: mã đơn vị hoặc mã số nội bộ"
    )
    code: str = Field(max_length=40, description="Mã đơn vị (duy nhất)")
    name: str = Field(max_length=255, description="Tên đơn vị")
    abbreviation: str = Field(
        max_length=30, description="Tên viết tắt (duy nhất trong cùng đơn vị cấp trên)"
    )
    level: LevelCode = Field(description="Cấp: TW, BO_TINH, SO_NGANH, XA, CO_SO")
    province_code: int | None = Field(
        None, description="Mã tỉnh/thành phố (34 tỉnh, thành phố từ 01/7/2025)"
    )
    ward_code: int | None = Field(None, description="Mã xã/phường/đặc khu, phải thuộc tỉnh đã chọn")
    address: str = Field("", max_length=255, description="Số nhà, đường")
    active_from: dt.date | None = Field(None, description="Hoạt động từ ngày (YYYY-MM-DD)")
    pending_review: bool = Field(False, description="Đang xem xét")
    pending_review_note: str = Field("", max_length=255, description="Lý do đang xem xét")


class UnitPatchIn(Schema):
    code: str | None = Field(None, max_length=40, description="Mã đơn vị")
    name: str | None = Field(None, max_length=255, description="Tên đơn vị")
    abbreviation: str | None = Field(None, max_length=30, description="Tên viết tắt")
    level: LevelCode | None = Field(None, description="Cấp")
    province_code: int | None = Field(None, description="Mã tỉnh/thành phố")
    ward_code: int | None = Field(None, description="Mã xã/phường/đặc khu")
    address: str | None = Field(None, max_length=255, description="Số nhà, đường")
    active_from: dt.date | None = Field(None, description="Hoạt động từ ngày")
    pending_review: bool | None = Field(None, description="Đang xem xét")
    pending_review_note: str | None = Field(None, max_length=255, description="Lý do đang xem xét")


class UnitMoveIn(Schema):
    parent: UnitRefIn = Field(description="Đơn vị cấp trên mới: mã đơn vị hoặc mã số nội bộ")


class UnitCloseIn(Schema):
    on: dt.date = Field(description="Ngừng hoạt động từ ngày (YYYY-MM-DD)")
    note: str = Field("", max_length=255, description="Căn cứ, ghi chú")


class UnitFilter(Schema):
    q: str | None = Field(None, description="Tìm theo tên, tên viết tắt, mã (không cần dấu)")
    parent: str | None = Field(
        None, description="Chỉ các đơn vị thuộc cây của đơn vị này (mã hoặc mã số), gồm chính nó"
    )
    level: LevelCode | None = Field(None, description="Cấp")
    active: bool | None = Field(None, description="true: đang hoạt động; false: đã ngừng")


class MembershipOut(Schema):
    id: int = Field(description="Mã số nội bộ")
    unit: UnitRef = Field(description="Đơn vị")
    position: str = Field(description="Chức vụ")
    start: dt.date = Field(description="Từ ngày")
    end: dt.date | None = Field(description="Đến ngày (trống nếu đang công tác)")


class PersonOut(Schema):
    id: int = Field(description="Mã số nội bộ")
    full_name: str = Field(description="Họ và tên")
    gender: str = Field(description="Giới tính: male (Nam), female (Nữ)")
    date_of_birth: dt.date | None = Field(description="Ngày sinh")
    cccd: str = Field(description="Số căn cước công dân (12 chữ số)")
    position: str = Field(description="Chức vụ")
    is_leader: bool = Field(description="Giữ chức vụ lãnh đạo, quản lý")
    is_direct_worker: bool = Field(description="Người lao động trực tiếp")
    hired_on: dt.date | None = Field(description="Ngày bắt đầu công tác")
    unit: UnitRef = Field(description="Đơn vị hiện tại")
    pending_review: bool = Field(description="Đang xem xét (kỷ luật, thanh tra, khiếu nại)")
    pending_review_note: str = Field(description="Lý do đang xem xét")


class PersonDetailOut(PersonOut):
    memberships: list[MembershipOut] = Field(description="Quá trình công tác, mới nhất trước")


class PersonCreateIn(Schema):
    unit: UnitRefIn = Field(description="Đơn vị công tác: mã đơn vị hoặc mã số nội bộ")
    full_name: str = Field(max_length=150, description="Họ và tên")
    gender: GenderCode = Field(description="Giới tính: male, female")
    date_of_birth: dt.date | None = Field(None, description="Ngày sinh (YYYY-MM-DD)")
    cccd: str = Field(description="Số CCCD, 12 chữ số, khớp giới tính và năm sinh")
    position: str = Field("", max_length=150, description="Chức vụ")
    is_leader: bool = Field(False, description="Giữ chức vụ lãnh đạo, quản lý")
    is_direct_worker: bool = Field(False, description="Người lao động trực tiếp")
    hired_on: dt.date | None = Field(None, description="Ngày bắt đầu công tác")
    pending_review: bool = Field(False, description="Đang xem xét")
    pending_review_note: str = Field("", max_length=255, description="Lý do đang xem xét")


class PersonPatchIn(Schema):
    full_name: str | None = Field(None, max_length=150, description="Họ và tên")
    gender: GenderCode | None = Field(None, description="Giới tính")
    date_of_birth: dt.date | None = Field(None, description="Ngày sinh")
    cccd: str | None = Field(None, description="Số CCCD")
    position: str | None = Field(None, max_length=150, description="Chức vụ")
    is_leader: bool | None = Field(None, description="Giữ chức vụ lãnh đạo, quản lý")
    is_direct_worker: bool | None = Field(None, description="Người lao động trực tiếp")
    hired_on: dt.date | None = Field(None, description="Ngày bắt đầu công tác")
    pending_review: bool | None = Field(None, description="Đang xem xét")
    pending_review_note: str | None = Field(None, max_length=255, description="Lý do đang xem xét")


class PersonMoveIn(Schema):
    unit: UnitRefIn = Field(description="Đơn vị chuyển đến: mã đơn vị hoặc mã số nội bộ")
    on: dt.date = Field(description="Từ ngày (YYYY-MM-DD); quá trình cũ kết thúc ngày hôm trước")
    position: str | None = Field(
        None, max_length=150, description="Chức vụ mới (bỏ trống để giữ nguyên)"
    )


class PeopleFilterIn(Schema):
    q: str | None = Field(None, description="Họ tên không cần dấu, hoặc các chữ số đầu của CCCD")
    unit: str | None = Field(None, description="Đơn vị (mã hoặc mã số), gồm cả đơn vị trực thuộc")
    subtree: bool = Field(True, description="false: chỉ người thuộc trực tiếp đơn vị")
    gender: GenderCode | None = Field(None, description="Giới tính")
    is_leader: bool | None = Field(None, description="Lãnh đạo, quản lý")
    is_direct_worker: bool | None = Field(None, description="Lao động trực tiếp")
    pending_review: bool | None = Field(None, description="Đang xem xét")
    active_unit: bool | None = Field(None, description="Đơn vị hiện tại đang hoạt động")
    sort: Literal["name", "-name", "dob", "-dob", "hired_on", "-hired_on", "unit", "-unit"] = Field(
        "name",
        description="Sắp xếp: name (tên kiểu Việt), dob (ngày sinh), hired_on, unit; dấu - để giảm dần",
    )


SORTS = {
    "name": ("name_order",),
    "dob": ("date_of_birth",),
    "hired_on": ("hired_on",),
    "unit": ("unit__sort_key",),
}


# Units -------------------------------------------------------------------------------------


def _get_unit(request, pk: int) -> Unit:
    return get_scoped_or_404(
        Unit.objects.all(), request.user, Capability.VIEW, path_field="path", pk=pk
    )


@units_router.get("", response=list[UnitOut], summary="Danh sách đơn vị trong phạm vi")
@paginate(BoundedPagination)
def unit_list(request, filters: Query[UnitFilter]):
    _require(request.user, Capability.VIEW)
    qs = selectors.unit_search(selectors.units_visible(request.user), filters.q)
    if filters.parent:
        root = selectors.resolve_unit(request.user, filters.parent)
        qs = qs.filter(path__startswith=root.path) if root else qs.none()
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.active is not None:
        qs = qs.filter(active_to__isnull=filters.active)
    return qs.order_by("path")


@units_router.get("/{int:pk}", response=UnitOut, summary="Thông tin một đơn vị")
def unit_read(request, pk: int):
    return _get_unit(request, pk)


@units_router.post("", response={201: UnitOut}, summary="Thêm đơn vị")
def unit_create(request, payload: UnitCreateIn):
    _require(request.user, Capability.EDIT_ORGS)
    data = payload.dict()
    parent = _unit_ref(request.user, data.pop("parent"), "parent")
    with service_errors():
        unit = services.unit_create(request.user, parent=parent, **data)
    return Status(201, unit)


@units_router.patch("/{int:pk}", response=UnitOut, summary="Sửa thông tin đơn vị")
def unit_update(request, pk: int, payload: UnitPatchIn):
    unit = _get_unit(request, pk)
    with service_errors():
        return services.unit_update(request.user, unit, **_patch_data(payload))


@units_router.post(
    "/{int:pk}/move",
    response=UnitOut,
    summary="Chuyển đơn vị (cả cây trực thuộc) sang đơn vị cấp trên khác",
)
def unit_move(request, pk: int, payload: UnitMoveIn):
    unit = _get_unit(request, pk)
    services.require_edit(request.user, unit)
    parent = _unit_ref(request.user, payload.parent, "parent")
    with service_errors():
        return services.unit_move(request.user, unit, parent=parent)


@units_router.post(
    "/{int:pk}/close", response=UnitOut, summary="Cho đơn vị ngừng hoạt động (giữ lịch sử)"
)
def unit_close(request, pk: int, payload: UnitCloseIn):
    unit = _get_unit(request, pk)
    with service_errors():
        return services.unit_close(request.user, unit, on=payload.on, note=payload.note)


@units_router.post("/{int:pk}/reopen", response=UnitOut, summary="Cho đơn vị hoạt động trở lại")
def unit_reopen(request, pk: int):
    unit = _get_unit(request, pk)
    with service_errors():
        return services.unit_reopen(request.user, unit)


# People ------------------------------------------------------------------------------------


def _get_person(request, pk: int) -> Person:
    return get_scoped_or_404(
        Person.objects.select_related("unit"), request.user, Capability.VIEW, pk=pk
    )


def _detail(person: Person) -> dict:
    person.memberships_list = list(selectors.memberships_of(person))
    out = PersonOut.from_orm(person).dict()
    out["memberships"] = [MembershipOut.from_orm(m).dict() for m in person.memberships_list]
    return out


@people_router.get("", response=list[PersonOut], summary="Danh sách cá nhân trong phạm vi")
@paginate(BoundedPagination)
def person_list(request, filters: Query[PeopleFilterIn]):
    _require(request.user, Capability.VIEW)
    f = selectors.PeopleFilter(
        q=filters.q or "",
        subtree=filters.subtree,
        gender=filters.gender or "",
        is_leader=filters.is_leader,
        is_direct_worker=filters.is_direct_worker,
        pending_review=filters.pending_review,
        active_unit=filters.active_unit,
    )
    if filters.unit:
        f.unit = selectors.resolve_unit(request.user, filters.unit)
        f.unit_missing = f.unit is None
    qs = selectors.people_list(request.user, f)
    desc = filters.sort.startswith("-")
    fields = [f"-{x}" if desc else x for x in SORTS[filters.sort.lstrip("-")]]
    return qs.order_by(*fields, "-pk" if desc else "pk")


@people_router.get(
    "/{int:pk}", response=PersonDetailOut, summary="Thông tin một cá nhân và quá trình công tác"
)
def person_read(request, pk: int):
    return _detail(_get_person(request, pk))


@people_router.post("", response={201: PersonDetailOut}, summary="Thêm cá nhân")
def person_create(request, payload: PersonCreateIn):
    _require(request.user, Capability.EDIT_ORGS)
    data = payload.dict()
    unit = _unit_ref(request.user, data.pop("unit"), "unit")
    with service_errors():
        person = services.person_create(request.user, unit=unit, **data)
    return Status(201, _detail(person))


@people_router.patch("/{int:pk}", response=PersonDetailOut, summary="Sửa thông tin cá nhân")
def person_update(request, pk: int, payload: PersonPatchIn):
    person = _get_person(request, pk)
    with service_errors():
        person = services.person_update(request.user, person, **_patch_data(payload))
    return _detail(Person.objects.select_related("unit").get(pk=person.pk))


@people_router.post(
    "/{int:pk}/move", response=PersonDetailOut, summary="Chuyển công tác sang đơn vị khác"
)
def person_move(request, pk: int, payload: PersonMoveIn):
    person = _get_person(request, pk)
    services.require_edit(request.user, person.unit)
    unit = _unit_ref(request.user, payload.unit, "unit")
    with service_errors():
        person = services.person_move(
            request.user, person, unit=unit, on=payload.on, position=payload.position
        )
    return _detail(Person.objects.select_related("unit").get(pk=person.pk))
