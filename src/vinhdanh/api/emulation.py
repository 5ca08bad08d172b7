"""Movements and blocs over the API (read-only): the same selectors and scope as the screens.

/api/v1/movements (filters q, status, kind, year; pages), /api/v1/movements/{id},
/api/v1/blocs (filters year, owner_id, kind, q; pages), /api/v1/blocs/{id} with members, head,
deputy and numbered documents. Outside the caller's view → 404.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.api.pagination import BoundedPagination
from vinhdanh.emulation.permissions import bloc_or_404, movement_or_404
from vinhdanh.emulation.selectors import blocs as bloc_selectors
from vinhdanh.emulation.selectors import movements as movement_selectors

movements_router = Router(tags=["Phong trào thi đua"])
blocs_router = Router(tags=["Khối, cụm thi đua"])

NO_VIEW = "Tài khoản chưa được phân quyền xem dữ liệu thi đua."


def _require_view(user) -> None:
    if not has_capability(user, Capability.VIEW):
        raise PermissionDenied(NO_VIEW)


class EmulationUnitRef(Schema):
    id: int
    name: str
    abbreviation: str


class MovementOut(Schema):
    id: int
    theme: str
    kind: str
    status: str
    status_label: str
    authority: str
    launching_unit: EmulationUnitRef
    start: dt.date
    end: dt.date
    launched_on: dt.date | None
    parent_id: int | None
    participant_count: int = 0

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()


class MilestoneOut(Schema):
    id: int
    kind: str
    title: str
    due: dt.date
    done_on: dt.date | None


class MovementDocumentOut(Schema):
    id: int
    number: str
    title: str
    doc_date: dt.date
    has_file: bool


class MovementDetailOut(MovementOut):
    audience: str
    criteria: str
    participants: list[EmulationUnitRef]
    milestones: list[MilestoneOut]
    documents: list[MovementDocumentOut]

    @staticmethod
    def resolve_participants(obj) -> list:
        return [p.unit for p in obj.page["participants"]]

    @staticmethod
    def resolve_milestones(obj) -> list:
        return obj.page["milestones"]

    @staticmethod
    def resolve_documents(obj) -> list:
        return [
            {
                "id": d.pk,
                "number": d.number.display if d.number_id else d.external_number,
                "title": d.title,
                "doc_date": d.doc_date,
                "has_file": d.file_id is not None,
            }
            for d in obj.page["documents"]
        ]


class MovementFilter(Schema):
    q: str | None = None
    status: str | None = None
    kind: str | None = None
    # bounded: a year past 9999 cannot be a date (was a server error)
    year: int | None = Field(None, ge=1945, le=2100)


@movements_router.get("", response=list[MovementOut], summary="Danh sách phong trào trong phạm vi")
@paginate(BoundedPagination)
def movement_list(request, filters: Query[MovementFilter]):
    _require_view(request.user)
    return movement_selectors.movement_list(request.user, filters.dict())


@movements_router.get("/{int:pk}", response=MovementDetailOut, summary="Một phong trào")
def movement_read(request, pk: int):
    _require_view(request.user)
    movement = movement_or_404(request.user, pk)
    movement.page = movement_selectors.movement_page(movement)
    movement.participant_count = len(movement.page["participants"])
    return movement


class BlocOut(Schema):
    id: int
    name: str
    abbreviation: str
    kind: str
    year: int
    owner: EmulationUnitRef
    head: EmulationUnitRef | None
    deputy: EmulationUnitRef | None
    previous_id: int | None
    member_count: int = 0


class BlocMemberOut(Schema):
    id: int
    unit: EmulationUnitRef
    rotation_order: int
    female_share: float | None


class BlocDocumentOut(Schema):
    id: int
    number: str
    doc_type: str
    title: str
    doc_date: dt.date
    signer: str
    has_file: bool


class BlocDetailOut(BlocOut):
    theme: str
    members: list[BlocMemberOut]
    documents: list[BlocDocumentOut]

    @staticmethod
    def resolve_members(obj) -> list:
        return [
            {
                "id": m.pk,
                "unit": m.unit,
                "rotation_order": m.rotation_order,
                "female_share": float(m.female_share) if m.female_share is not None else None,
            }
            for m in obj.member_rows
        ]

    @staticmethod
    def resolve_documents(obj) -> list:
        return [
            {
                "id": d.pk,
                "number": d.number.display,
                "doc_type": d.number.doc_type,
                "title": d.title,
                "doc_date": d.doc_date,
                "signer": d.signer,
                "has_file": d.file_id is not None,
            }
            for d in obj.document_rows
        ]


class BlocFilter(Schema):
    year: int | None = Field(None, ge=1945, le=2100)
    owner_id: int | None = None
    kind: str | None = None
    q: str | None = None


@blocs_router.get("", response=list[BlocOut], summary="Danh sách khối, cụm thi đua trong phạm vi")
@paginate(BoundedPagination)
def bloc_list(request, filters: Query[BlocFilter]):
    _require_view(request.user)
    data = filters.dict()
    data["owner"] = data.pop("owner_id", None)
    return bloc_selectors.bloc_list(request.user, data)


@blocs_router.get(
    "/{int:pk}", response=BlocDetailOut, summary="Một khối: thành viên, Trưởng, Phó khối, văn bản"
)
def bloc_read(request, pk: int):
    _require_view(request.user)
    bloc = bloc_or_404(request.user, pk)
    bloc.member_rows = bloc_selectors.bloc_members(bloc)
    bloc.document_rows = bloc_selectors.bloc_documents(bloc)
    bloc.member_count = len(bloc.member_rows)
    return bloc
