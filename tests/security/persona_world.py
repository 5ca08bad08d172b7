"""The world the persona × route test walks: the demo world (real objects of every kind, made by
the services) and the personas that look at it.

Unit A is the Hà Nội tree (``HN``: the city and its departments own every demo object: the
movement, Khối thi đua số 9, the city council, dossiers, decisions); unit B is Hà Tĩnh (``HT``),
another root of the same installation. Each URL kwarg is filled with the id of a real object of
A, never a placeholder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.urls import get_resolver

from tests.security.test_every_view_refuses import _walk

# Personas, in the order the matrix prints them.
PERSONAS = (
    "anonymous",
    "roleless",
    "viewer_a",
    "officer_a",
    "admin_a",
    "signer_a",
    "council_a",
    "national",
    "officer_b",
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def build_world() -> World:
    """Called inside a module-scoped transaction after ``demo_data`` has loaded."""
    from django.contrib.auth import get_user_model

    from vinhdanh.accounts.enums import Role
    from vinhdanh.accounts.models import ApiToken, RoleGrant
    from vinhdanh.core.files import store_generated
    from vinhdanh.core.models import DocumentNumber
    from vinhdanh.council.models import (
        AgendaItem,
        Council,
        CouncilMeeting,
        CouncilMember,
        NomineeBallot,
    )
    from vinhdanh.decisions.models import CertificateBlank, Decision, DecisionLine
    from vinhdanh.emulation.models import (
        BlocDocument,
        BlocMember,
        CovenantItem,
        Criterion,
        EmulationModel,
        Meeting,
        Milestone,
        MovementDocument,
        MovementParticipant,
        PeriodReview,
        Registration,
        ScoreEvidence,
        ScoringTable,
    )
    from vinhdanh.imports.models import ImportJob
    from vinhdanh.inbox.models import Notification
    from vinhdanh.nominations.models import Attachment, Nominee, PublicComment
    from vinhdanh.orgs.models import Person, Unit
    from vinhdanh.portal.models import ExemplarStory
    from vinhdanh.registry.models import (
        DisciplineRecord,
        HonourRecord,
        InitiativeRecord,
        RatingRecord,
    )
    from vinhdanh.rules.models import EligibilityRun

    User = get_user_model()
    world = World()
    hn = Unit.objects.get(code="HN")
    syt = Unit.objects.get(code="HN.SYT")
    u = world.users
    u["roleless"] = User.objects.create_user("pr_khongquyen", password=None, full_name="Không")
    u["viewer_a"] = User.objects.get(username="xem_tp")
    u["officer_a"] = User.objects.get(username="cb_thanhpho")
    u["admin_a"] = User.objects.create_user("pr_quantri_hn", password=None, full_name="QT HN")
    RoleGrant.objects.create(user=u["admin_a"], role=Role.ADMIN, unit=hn)
    u["signer_a"] = User.objects.get(username="lanhdao_tp")
    u["council_a"] = User.objects.get(username="hoidong_tp")
    u["national"] = User.objects.get(username="quantri")
    u["officer_b"] = User.objects.get(username="cb_hatinh")

    o = world.objects
    o["unit"] = syt
    o["person"] = Person.objects.filter(unit=syt).order_by("pk").first()
    other = User.objects.create_user("pr_canbo_syt", password=None, full_name="Cán bộ SYT")
    o["grant"] = RoleGrant.objects.create(user=other, role=Role.OFFICER, unit=syt)
    o["user"] = other
    o["token"] = ApiToken.objects.create(
        user=u["officer_a"], name="thử", prefix="prtest01", token_hash="x" * 64
    )
    o["rating"] = RatingRecord.objects.filter(person__unit__path__startswith=hn.path).first()
    in_a = {"person__unit__path__startswith": hn.path}
    o["honour_record"] = HonourRecord.objects.filter(**in_a).first()
    o["initiative"] = InitiativeRecord.objects.filter(**in_a).first()
    o["discipline"] = DisciplineRecord.objects.filter(**in_a).first()
    o["honour_code"] = "LDTT"
    movement = MovementDocument.objects.order_by("pk").first().movement
    o["movement"] = movement
    o["milestone"] = Milestone.objects.filter(movement=movement).first()
    o["participant"] = MovementParticipant.objects.filter(movement=movement).first()
    o["movement_document"] = MovementDocument.objects.filter(movement=movement).first()
    o["number"] = DocumentNumber.objects.filter(unit=hn).order_by("pk").first()
    bloc = BlocDocument.objects.order_by("pk").first().bloc
    o["bloc"] = bloc
    o["bloc_document"] = BlocDocument.objects.filter(bloc=bloc).first()
    o["bloc_member"] = BlocMember.objects.filter(bloc=bloc).order_by("pk").first()
    o["bloc_meeting"] = Meeting.objects.filter(bloc=bloc).first()
    o["covenant_item"] = CovenantItem.objects.filter(covenant__bloc=bloc).first()
    o["member_unit"] = o["bloc_member"].unit
    o["registration"] = Registration.objects.filter(bloc=bloc).first()
    o["model"] = EmulationModel.objects.filter(bloc=bloc).first()
    o["table"] = ScoringTable.objects.filter(bloc=bloc).first()
    o["criterion"] = Criterion.objects.filter(table=o["table"]).first()
    o["evidence"] = ScoreEvidence.objects.create(
        table=o["table"],
        criterion=o["criterion"],
        member=o["member_unit"],
        file=store_generated(b"%PDF-1.4 minh chung", "minh-chung.pdf"),
    )
    o["review"] = PeriodReview.objects.create(
        bloc=bloc,
        title="Sơ kết 6 tháng đầu năm",
        period_start=dt.date(bloc.year, 1, 1),
        period_end=dt.date(bloc.year, 6, 30),
    )
    dossier = Attachment.objects.order_by("pk").first().dossier
    o["dossier"] = dossier
    o["nominee"] = Nominee.objects.filter(dossier=dossier).first()
    o["attachment"] = Attachment.objects.filter(dossier=dossier).first()
    o["comment"] = PublicComment.objects.order_by("pk").first()
    o["council"] = Council.objects.get(unit=hn)
    o["council_member"] = CouncilMember.objects.filter(council=o["council"]).first()
    o["council_meeting"] = CouncilMeeting.objects.filter(council=o["council"]).first()
    o["agenda_item"] = AgendaItem.objects.filter(meeting=o["council_meeting"]).first()
    o["ballot"] = NomineeBallot.objects.filter(meeting=o["council_meeting"]).first()
    decision = DecisionLine.objects.order_by("pk").first().decision
    o["decision"] = decision
    o["decision_line"] = DecisionLine.objects.filter(decision=decision).first()
    o["any_decision"] = Decision.objects.filter(issuer=hn).first()
    o["blank"] = CertificateBlank.objects.create(name="Phôi Bằng khen thử")
    o["story"] = ExemplarStory.objects.create(
        unit=hn, title="Gương điển hình", summary="Tóm tắt", body="Nội dung"
    )
    o["job"] = ImportJob.objects.create(
        kind="people",
        original_name="nhan-su.xlsx",
        created_by=u["officer_a"],
        scope_paths=[hn.path],
    )
    o["run"] = EligibilityRun.objects.create(unit=hn, year=2024, created_by=u["officer_a"])
    o["notification"] = Notification.objects.filter(user=u["officer_a"]).first() or (
        Notification.objects.create(user=u["officer_a"], kind="info", title="Thông báo thử")
    )
    missing = [k for k, v in o.items() if v is None]
    assert not missing, f"the demo world lacks: {missing}"
    return world


# What a route's ``pk`` means, by route name (first match wins).
PK_OBJECT = [
    (r"^accounts:(role_revoke|signing_capacity)$", "grant"),
    (r"^accounts:token_revoke$", "token"),
    (r"^accounts:", "user"),
    (r"^orgs:unit_", "unit"),
    (r"^orgs:person_", "person"),
    (r"^catalogue:", "honour_code"),
    (r"^registry:(person_profile|entry_add|pending_review)$", "person"),
    (r"^registry:unit_profile$", "unit"),
    (r"^registry:entry_", "rating"),
    (r"^emulation:(movement_|milestone_|participant_)", "movement"),
    (r"^emulation:number_cancel$", "number"),
    (r"^emulation:", "bloc"),
    (r"^nominations:comment_moderate$", "comment"),
    (r"^nominations:", "dossier"),
    (r"^council:", "council"),
    (r"^decisions:blank_", "blank"),
    (r"^decisions:", "decision"),
    (r"^portal:(decision_detail)$", "decision"),
    (r"^portal:publicity_detail$", "dossier"),
    (r"^portal:story_", "story"),
    (r"^imports:", "job"),
    (r"^rules:", "run"),
    (r"^inbox:", "notification"),
]
API_PK = [
    ("api/v1/units/", "unit"),
    ("api/v1/people/", "person"),
    ("api/v1/register/ratings/", "rating"),
    ("api/v1/register/honours/", "honour_record"),
    ("api/v1/register/initiatives/", "initiative"),
    ("api/v1/register/discipline/", "discipline"),
    ("api/v1/movements/", "movement"),
    ("api/v1/blocs/", "bloc"),
    ("api/v1/dossiers/", "dossier"),
]
# Other kwargs: the object (or literal) they name.
KWARG_OBJECT = {
    "mid": "milestone",
    "part_pk": "participant",
    "member_pk": "bloc_member",
    "meeting_pk": "bloc_meeting",
    "item_pk": "covenant_item",
    "unit_pk": "member_unit",
    "reg_pk": "registration",
    "model_pk": "model",
    "table_id": "table",
    "criterion_id": "criterion",
    "member_id": "member_unit",
    "evidence_id": "evidence",
    "review_pk": "review",
    "nominee_pk": "nominee",
    "attachment_pk": "attachment",
    "ballot_pk": "ballot",
    "line_pk": "decision_line",
    "blank_pk": "blank",
}
# council routes name other objects with the same kwarg names
COUNCIL_KWARG = {
    "member_pk": "council_member",
    "meeting_pk": "council_meeting",
    "item_pk": "agenda_item",
}
REPORT_FORMS = ("form_detail", "form_cell", "form_xlsx", "form_submit")
LITERALS = {
    ("emulation:movement_transition", "action"): "khoi-dong",
    ("emulation:scoring_action", "action"): "mo",
    ("api:act", "action"): "submit",
    ("nominations:dossier_action", "slug"): "gui",
    ("emulation:registration_export", "fmt"): "xlsx",
    ("emulation:review_download", "which"): "du-thao",
    ("registry:entry_add", "subject_type"): "person",
    ("registry:pending_review", "subject_type"): "person",
    ("registry:entry_add", "kind"): "rating",
    ("registry:entry_edit", "kind"): "rating",
    ("registry:entry_delete", "kind"): "rating",
    ("decisions:document_download", "kind"): "pdf",
    ("imports:template", "kind"): "people",
    ("catalogue:create", "section"): "danh-hieu",
    ("catalogue:edit", "section"): "danh-hieu",
    ("catalogue:delete", "section"): "danh-hieu",
    # statutory forms: Biểu 0602 of A's root unit for the year under review, a cell of it
    **{(f"reports:{n}", "form_code"): "0602" for n in REPORT_FORMS},
    **{(f"reports:{n}", "unit_code"): "HN" for n in REPORT_FORMS},
    **{(f"reports:{n}", "year"): 2025 for n in REPORT_FORMS},
    ("reports:form_cell", "row_code"): "01",
    ("reports:form_cell", "col_key"): "7.tt",
}
SKIP_PREFIXES = ("quan-tri-he-thong/", "static/", "_files")
# Routes whose kwargs are secrets mailed or printed, not object ids.
SECRET_ROUTES = {"accounts:password_reset_confirm", "portal:verify_token"}


def _id(obj):
    return getattr(obj, "pk", obj)


def routes():
    """(name, pattern, kwargs-filler) for every product route."""
    seen = set()
    out = []
    for pattern, name in _walk(get_resolver()):
        if pattern.startswith(SKIP_PREFIXES) or "(?P" in pattern or "[" in pattern:
            continue
        key = (name, pattern)
        if key in seen:
            continue
        seen.add(key)
        out.append((name or pattern, pattern))
    return sorted(out)


def concrete(name: str, pattern: str, objects: dict) -> str:
    def fill(match):
        kwarg = match.group(2)
        if (name, kwarg) in LITERALS:
            return str(LITERALS[(name, kwarg)])
        if kwarg == "pk":
            if pattern.startswith("api/"):
                key = next(k for prefix, k in API_PK if pattern.startswith(prefix))
            else:
                key = next(k for rx, k in PK_OBJECT if re.search(rx, name))
            return str(_id(objects[key]))
        if name.startswith("council:") and kwarg in COUNCIL_KWARG:
            return str(_id(objects[COUNCIL_KWARG[kwarg]]))
        if kwarg == "doc_pk":
            kind = "movement_document" if "movement" in name else "bloc_document"
            return str(_id(objects[kind]))
        return str(_id(objects[KWARG_OBJECT[kwarg]]))

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, pattern)
    return "/" + path.replace("\\Z", "").lstrip("^").rstrip("$")
