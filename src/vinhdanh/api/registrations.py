"""Registrations (đăng ký thi đua) over the API: the same selectors, services and rules as the
screens.

GET  /api/v1/registrations?bloc=&unit=&year=&page=  registrations of the blocs the caller sees
POST /api/v1/registrations  {bloc, unit, honour, person?}  a member's officer (or the owner's)
     registers a collective title (no person) or a person of the unit for an individual title;
     the deadline, duplicates and kinds are checked by the service; the engine's warning is
     returned, never a refusal.
Outside the caller's view → 404; a member the caller may not act for → 403; a refused rule → 422.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.api.pagination import BoundedPagination
from vinhdanh.catalogue.models import Honour
from vinhdanh.emulation.permissions import (
    EmulationError,
    acting_members,
    bloc_or_404,
    is_owner_officer,
)
from vinhdanh.emulation.selectors import registrations as selectors
from vinhdanh.emulation.services import registrations as services
from vinhdanh.orgs.models import Person

router = Router(tags=["Đăng ký thi đua"])

NO_VIEW = "Tài khoản chưa được phân quyền xem dữ liệu thi đua."


class RegistrationFilter(Schema):
    bloc: int | None = None
    unit: int | None = None
    year: int | None = None


class RegistrationUnitRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    full_name: str


class RegistrationOut(Schema):
    id: int
    year: int
    bloc_id: int | None
    movement_id: int | None
    unit: RegistrationUnitRef
    kind: str
    person: PersonRef | None
    honour: str
    honour_name: str
    warning: str

    @staticmethod
    def resolve_honour(obj) -> str:
        return obj.honour_id

    @staticmethod
    def resolve_honour_name(obj) -> str:
        return obj.honour.name


class RegistrationIn(Schema):
    bloc: int
    unit: int
    honour: str
    person: int | None = None


@router.get("", response=list[RegistrationOut], summary="Đăng ký thi đua trong phạm vi")
@paginate(BoundedPagination)
def registration_list(request, filters: Query[RegistrationFilter]):
    if not has_capability(request.user, Capability.VIEW):
        raise PermissionDenied(NO_VIEW)
    return selectors.registrations_api(request.user, **filters.dict())


@router.post("", response={201: RegistrationOut}, summary="Đăng ký một danh hiệu")
def registration_create(request, payload: RegistrationIn):
    user = request.user
    bloc = bloc_or_404(user, payload.bloc)
    member = bloc.members.select_related("unit").filter(unit_id=payload.unit).first()
    if member is None:
        raise Http404("Đơn vị này không phải thành viên của khối.")
    unit = member.unit
    if not (is_owner_officer(user, bloc) or unit in acting_members(user, bloc)):
        raise PermissionDenied("Bạn không thể đăng ký thay đơn vị này trong khối.")
    honour = Honour.objects.filter(code=payload.honour.upper(), category="title").first()
    if honour is None:
        raise HttpError(422, f"Không có danh hiệu thi đua mã {payload.honour}.")
    try:
        if payload.person is None:
            reg = services.collective_add(user, bloc, unit, honour=honour)
        else:
            person = (
                Person.objects.filter(pk=payload.person, unit__path__startswith=unit.path)
                .select_related("unit")
                .first()
            )
            if person is None:
                raise HttpError(422, f"Không tìm thấy người này trong {unit.name}.")
            reg = services.registration_add(user, bloc, unit, person=person, honour=honour)
    except EmulationError as exc:
        raise HttpError(422, str(exc)) from exc
    return Status(201, selectors.registrations_api(user).get(pk=reg.pk))
