"""Nomination dossiers over the API: the same selectors, services and scope as the screens.

GET /api/v1/dossiers (outgoing or incoming, filters, pages), GET /api/v1/dossiers/{id}
(nominees with verdicts and outcomes, the path of events), POST /api/v1/dossiers/{id}/{action}
with the version the caller saw (submit, recall, receive, appraise, council, approve,
return, forward). Outside the caller's scope → 404; a stale version or a step not allowed now
→ 409; other refused data → 422.
"""

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import has_capability
from vinhdanh.nominations import selectors, workflow
from vinhdanh.nominations.services import NominationsError

router = Router(tags=["Hồ sơ đề nghị khen thưởng"])


class ErrorItem(Schema):
    field: str
    message: str
    code: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class DossierOut(Schema):
    id: int
    kind: str
    title: str
    year: int
    status: str
    status_label: str
    version: int
    sending_unit_id: int
    sending_unit: str
    receiving_unit_id: int
    receiving_unit: str
    due_on: dt.date | None
    number: str | None
    forwarded_from_id: int | None

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_sending_unit(obj) -> str:
        return obj.sending_unit.name

    @staticmethod
    def resolve_receiving_unit(obj) -> str:
        return obj.receiving_unit.name

    @staticmethod
    def resolve_number(obj) -> str | None:
        return obj.number.display if obj.number_id else None


class NomineeOut(Schema):
    id: int
    kind: str
    person_id: int | None
    unit_id: int | None
    name: str
    honour: str
    justification: str
    verdict_status: str
    verdict: dict
    outcome: str
    downgraded_to: str | None
    outcome_reason: str
    ballot_override_reason: str  # accepted against the council's ballot: the written reason

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_honour(obj) -> str:
        return obj.honour_id

    @staticmethod
    def resolve_downgraded_to(obj) -> str | None:
        return obj.downgraded_to_id


class EventOut(Schema):
    at: dt.datetime
    from_status: str
    to_status: str
    actor: str | None
    nominee_id: int | None
    reason: str

    @staticmethod
    def resolve_actor(obj) -> str | None:
        return obj.actor.full_name if obj.actor_id else None


class DossierDetailOut(DossierOut):
    nominees: list[NomineeOut]
    events: list[EventOut]


class ActionIn(Schema):
    version: int
    reason: str = ""
    nominee_ids: list[int] = []


def _require(user) -> None:
    if not has_capability(user, Capability.MANAGE_NOMINATIONS):
        raise Http404


@router.get("", response=list[DossierOut], operation_id="dossier_list", summary="Danh sách")
@paginate(PageNumberPagination, page_size=50)
def list_dossiers(
    request,
    incoming: bool = False,
    status: str | None = None,
    kind: str | None = None,
    year: int | None = None,
):
    _require(request.auth)
    filters = {"status": status, "kind": kind, "year": year}
    return selectors.dossier_list(
        request.auth, "den" if incoming else "di", filters
    ).select_related("number")


def _detail(user, pk: int):
    dossier = selectors.dossier_or_404(user, pk)
    dossier.nominees_list = list(selectors.nominees_of(dossier))
    dossier.events_list = list(selectors.events_of(dossier))
    return dossier


class _Detail(DossierDetailOut):
    @staticmethod
    def resolve_nominees(obj):
        return obj.nominees_list

    @staticmethod
    def resolve_events(obj):
        return obj.events_list


@router.get(
    "/{int:pk}",
    response={200: _Detail, 404: ErrorOut},
    operation_id="dossier_read",
    summary="Xem hồ sơ",
)
def read_dossier(request, pk: int):
    _require(request.auth)
    return _detail(request.auth, pk)


ACTIONS = {
    "submit": lambda u, d, b: workflow.submit(u, d, b.version),
    "recall": lambda u, d, b: workflow.recall(u, d, b.version, b.reason),
    "receive": lambda u, d, b: workflow.receive(u, d, b.version),
    "appraise": lambda u, d, b: workflow.start_appraisal(u, d, b.version),
    "council": lambda u, d, b: workflow.send_to_council(u, d, b.version),
    "approve": lambda u, d, b: workflow.approve(u, d, b.version),
    "return": lambda u, d, b: workflow.return_dossier(
        u, d, b.version, b.reason, list(d.nominees.filter(pk__in=b.nominee_ids))
    ),
    "forward": lambda u, d, b: workflow.forward(u, d, b.version),
}


@router.post(
    "/{int:pk}/{action}",
    response={200: _Detail, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    operation_id="dossier_action",
    summary="Chuyển bước hồ sơ (submit, recall, receive, appraise, council, approve, return, "
    "forward)",
)
def act(request, pk: int, action: str, body: ActionIn):
    _require(request.auth)
    if action not in ACTIONS:
        raise Http404
    dossier = selectors.dossier_or_404(request.auth, pk)
    try:
        result = ACTIONS[action](request.auth, dossier, body)
    except NominationsError as exc:
        status = 409 if exc.code in ("stale", "state") else 422
        field = exc.field or "__all__"
        return Status(
            status,
            {"detail": exc.message, "errors": [{"field": field, "message": exc.message,
                                                 "code": exc.code}]},
        )  # fmt: skip
    return _detail(request.auth, result.pk)
