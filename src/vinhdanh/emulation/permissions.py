"""Who may see and act on movements and blocs.

- A bloc is visible to users whose VIEW scope covers the owner (the council's unit, e.g. the
  city's commendation office) or one of the bloc's member units. Members of other blocs see
  nothing of it (404).
- The owner's officers (MANAGE_EMULATION on the owner) configure the bloc; the bloc head's
  officers (MANAGE_EMULATION on the head unit of that year) run it: documents, meetings,
  scoring table, lock/reopen, the acclaim ballot.
- An officer of a member unit acts for that member: registration, self-scoring,
  cross-scoring of the others, the member's ballot.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, path_q

from .models import Bloc, BlocMember, Movement, MovementParticipant


class EmulationError(Exception):
    """A refused action of the emulation cycle, with a message the user can act on."""


def blocs_visible(user) -> QuerySet[Bloc]:
    member_in_scope = BlocMember.objects.filter(bloc=OuterRef("pk")).filter(
        path_q(user, Capability.VIEW, "unit__path")
    )
    return Bloc.objects.filter(
        Q(path_q(user, Capability.VIEW, "owner__path")) | Q(Exists(member_in_scope))
    )


def bloc_or_404(user, pk, qs: QuerySet[Bloc] | None = None) -> Bloc:
    try:
        return (
            qs if qs is not None else blocs_visible(user).select_related("owner", "head", "deputy")
        ).get(pk=pk)
    except Bloc.DoesNotExist as exc:
        raise Http404("Không tìm thấy khối thi đua hoặc bạn không có quyền truy cập.") from exc


def is_owner_officer(user, bloc: Bloc) -> bool:
    return can_on_unit(user, Capability.MANAGE_EMULATION, bloc.owner)


def is_bloc_head(user, bloc: Bloc) -> bool:
    """Officers of this year's head unit, or the owner's officers who stand above every bloc."""
    if bloc.head_id and can_on_unit(user, Capability.MANAGE_EMULATION, bloc.head):
        return True
    return is_owner_officer(user, bloc)


def acts_for(user, bloc: Bloc, unit) -> bool:
    """True when the user holds MANAGE_EMULATION on the member itself (or on a unit between
    the member and the bloc's owner). A grant on the owner or above does not count: the
    standing office oversees the bloc but must not cast members' ballots or scores."""
    from vinhdanh.accounts.enums import ROLE_CAPABILITIES
    from vinhdanh.accounts.permissions import _grants

    owner_path = bloc.owner.path
    for role, path in _grants(user):
        if Capability.MANAGE_EMULATION not in ROLE_CAPABILITIES.get(role, ()):
            continue
        if unit.path.startswith(path) and not owner_path.startswith(path):
            return True
    return False


def acting_members(user, bloc: Bloc) -> list:
    """Member units this user may act for (officers of the member unit itself)."""
    members = [m.unit for m in bloc.members.select_related("unit")]
    return [u for u in members if acts_for(user, bloc, u)]


def require_bloc_head(user, bloc: Bloc) -> None:
    if not is_bloc_head(user, bloc):
        raise EmulationError(
            "Chỉ Trưởng khối hoặc cơ quan thường trực Hội đồng mới thực hiện được thao tác này."
        )


def require_owner(user, bloc: Bloc) -> None:
    if not is_owner_officer(user, bloc):
        raise EmulationError(
            "Chỉ cơ quan thường trực Hội đồng Thi đua – Khen thưởng quản lý khối mới thực hiện được thao tác này."
        )


def require_acting_for(user, bloc: Bloc, unit) -> None:
    if not acts_for(user, bloc, unit) or not bloc.members.filter(unit=unit).exists():
        raise EmulationError("Bạn không thể thao tác thay đơn vị này trong khối.")


def movements_visible(user) -> QuerySet[Movement]:
    participant_in_scope = MovementParticipant.objects.filter(movement=OuterRef("pk")).filter(
        path_q(user, Capability.VIEW, "unit__path")
    )
    return Movement.objects.filter(
        Q(path_q(user, Capability.VIEW, "launching_unit__path")) | Q(Exists(participant_in_scope))
    )


def movement_or_404(user, pk) -> Movement:
    try:
        return movements_visible(user).select_related("launching_unit", "parent").get(pk=pk)
    except Movement.DoesNotExist as exc:
        raise Http404("Không tìm thấy phong trào hoặc bạn không có quyền truy cập.") from exc


def can_manage_movement(user, movement: Movement) -> bool:
    return can_on_unit(user, Capability.MANAGE_EMULATION, movement.launching_unit)
