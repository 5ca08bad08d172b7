"""Persona × route: every route of the product, its URL filled with the ids of real objects of
unit A (the demo's Hà Nội tree), opened by each persona, against an expectation derived from the
capability the view requires (accounts.enums.Capability / ROLE_CAPABILITIES), not from observed
responses.

- anonymous: sent to the login page (pages) or 401 (API);
- an account without roles: 403/404 (or the short list of pages for every signed-in account);
- the officer of unit B (Hà Tĩnh): 404 on every route naming an object of A, and none of A's
  names in the pages without ids (lists, forms);
- personas of A: 200 where their capability allows, 403/404 where it does not (a route closed by
  capability answers 403 when the object is visible and 404 when the whole section is hidden).

Also every state-changing route (POST) by B's officer and by A's viewer: refused, and no row and
no audit entry changes. One world per module (the demo, loaded in a rolled-back transaction).
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.security import persona_world as pw
from tests.security.test_every_view_refuses import ANY_SIGNED_IN, PUBLIC
from vinhdanh.accounts.enums import ROLE_CAPABILITIES, Capability, Role

ROUTES = pw.routes()
C = Capability
NATIONAL = "national_admin"  # not a Capability: accounts.permissions.is_national_admin
OWNER = "owner"  # the object's creator/owner only (tokens, candidate runs)

# Capabilities of each persona on unit A. Unit A (Hà Nội) is a root unit of the demo, so its
# administrator is also a national administrator (accounts.permissions.is_national_admin).
ALL = {c.value for c in Capability} | {NATIONAL}
PERSONA_CAPS = {
    "anonymous": set(),
    "roleless": set(),
    "viewer_a": set(ROLE_CAPABILITIES[Role.VIEWER]),
    "officer_a": set(ROLE_CAPABILITIES[Role.OFFICER]),
    "admin_a": ALL,
    "signer_a": set(ROLE_CAPABILITIES[Role.SIGNER]),
    "council_a": set(ROLE_CAPABILITIES[Role.COUNCIL]),
    "national": ALL,
    "officer_b": set(),  # nothing on A
}
OWNS = {"officer_a"}  # the token and the candidate run of the world belong to A's officer

# The capability each route requires, first match wins; the default is VIEW.
REQUIRES = [
    (r"^accounts:token_revoke$", OWNER),
    (r"^accounts:(user_|role_|signing_capacity)", C.MANAGE_USERS),
    (r"^catalogue:(create|edit|delete)$", NATIONAL),
    (r"^decisions:blank_(create|edit)$", NATIONAL),  # shared certificate blanks
    (r"^council:(ballot_vote|my_ballots)$", C.COUNCIL_VOTE),
    (r"^decisions:(decision_revoke|decision_issue)$", C.SIGN),
    (r"^core:audit_list$", C.VIEW_AUDIT),
    (r"^inbox:feedback_list$", NATIONAL),  # feedback on the software: the national administrator
    (r"^portal:story_", C.MANAGE_NOMINATIONS),  # exemplar stories are written by TĐKT officers
    (r"^imports:", C.IMPORT),
    (r"^api:(unit_create|person_create)$", C.VIEW),  # GET on these paths is the list
    (r"^council:paper_tally_file$", C.VIEW),  # the tally record of a visible meeting
    (r"^orgs:\w+_(edit|move|close|reopen|create)$", C.EDIT_ORGS),
    (r"^registry:(entry_add|entry_edit|entry_delete|pending_review)$", C.EDIT_REGISTER),
    (r"^rules:run_", OWNER),  # a candidate run is its creator's working set
    (r"^nominations:", C.MANAGE_NOMINATIONS),  # dossiers are worked by the TĐKT officers
    (r"^reports:form_submit$", C.MANAGE_NOMINATIONS),  # submitting a statutory form upward
    (r"^api:(list_dossiers|read_dossier|act)$", C.MANAGE_NOMINATIONS),
    (
        r"^council:(council_create|council_edit|member_|meeting_(create|open|close)|agenda_"
        r"|attendance_|ballots_open|minutes_generate|paper_tally|written_vote)",
        C.MANAGE_NOMINATIONS,
    ),
    (
        r"^decisions:(decision_create|decision_edit|line_|external_|decision_publish"
        r"|decision_withdraw|certificates_issue)",
        C.MANAGE_NOMINATIONS,
    ),
    (
        r"^emulation:(movement_list|movement_detail|movement_reviews|bloc_list|bloc_detail"
        r"|bloc_documents|covenant|covenant_docx|covenant_pdf|registration_list"
        r"|registration_export|scoring|scoring_table|scoring_results\w*|scoring_evidence"
        r"|acclaim|meeting_list|meeting_detail|review_list|review_detail"
        r"|bloc_document_download|movement_document_download|meeting_minutes_download"
        r"|review_download)$",
        C.VIEW,
    ),
    (r"^emulation:", C.MANAGE_EMULATION),
]
# Routes whose answer for an allowed persona depends on the state of the chosen object (a
# decision already issued cannot be edited, a dossier already sent has no nominee form, a file
# not generated yet cannot be downloaded, an action slug that does not apply): for them an
# allowed persona may also get 302/400/404/409/422. Scope and capability are still checked.
STATE_DEPENDENT = {
    "decisions:decision_edit",
    "decisions:decision_issue",
    "decisions:external_edit",
    "decisions:certificates_pdf",
    "nominations:dossier_edit",
    "nominations:dossier_action",
    "nominations:nominee_add",
    "nominations:nominee_edit",
    "nominations:nominee_delete",
    "nominations:nominee_import",
    "nominations:attachment_add",
    "nominations:attachment_replace",
    "nominations:attachment_delete",
    "emulation:movement_transition",
    "emulation:scoring_action",
    "emulation:bloc_document_download",
    "emulation:movement_document_download",
    "emulation:meeting_minutes_download",
    "emulation:review_download",
    "council:paper_tally_file",
    "rules:run_download",
}
# Bloc-head or signer-specific rules narrower than the capability: the allowed persona may be
# refused (403) because it is not the bloc head / not the right signer; never a 200 for others.
NARROWER = {"emulation:scoring_lock", "emulation:scoring_reopen", "emulation:acclaim_close"}


# Routes whose ids name shared data, not an object of A (the national catalogue, the shared
# certificate blanks, import templates): B's officer is answered as anyone with his roles.
SHARED = {
    "catalogue:create",
    "catalogue:edit",
    "catalogue:delete",
    "decisions:blank_edit",
    "decisions:blank_preview",
    "imports:template",
}
# The second sign-in step: without a pending sign-in it sends everyone on (302).
SIGN_IN_FLOW = {"accounts:two_factor"}


# Namespaces whose objects (units, people, register entries, movements, blocs, councils) every
# persona with VIEW on A can open: an action there without the right must answer 403.
VISIBLE_NAMESPACES = ("orgs:", "registry:", "emulation:", "council:")
# ... except these, which answer 404 by design (a list below the route's comment).
HIDDEN_404 = {
    "emulation:scoring_sheet",  # another scorer's sheet is secret (cross-scoring)
    # officers' tools, not pages about one object: hidden as a section from other roles
    "emulation:number_book",
    "emulation:number_cancel",
    "emulation:flag_proposals",
}


def _visible_object(name: str) -> bool:
    return name.startswith(VISIBLE_NAMESPACES) and name not in {
        "emulation:bloc_create",
        "emulation:movement_create",
        "orgs:unit_create",
        "orgs:person_create",
        "council:council_create",
    }


def required(name: str) -> str:
    return next((cap for rx, cap in REQUIRES if re.search(rx, name)), C.VIEW)


def allowed(persona: str, name: str) -> bool:
    cap = required(name)
    if cap == OWNER:
        return persona in OWNS
    return cap in PERSONA_CAPS[persona]


def _has_object(pattern: str) -> bool:
    return "<" in pattern


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo_data", verbosity=0)
            yield pw.build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _client(world, persona):
    client = Client(raise_request_exception=False)
    if persona != "anonymous":
        client.force_login(
            world.users[persona], backend="vinhdanh.accounts.backends.LockoutModelBackend"
        )
    return client


def _markers(world) -> list[str]:
    """Names only A's objects carry: a page for B's officer must show none of them."""
    o = world.objects
    return [o["bloc"].name, o["council"].name, o["movement"].theme, o["dossier"].title]


def _check(persona, name, pattern, response, world) -> str | None:
    """The failure message, or None when the answer is the expected one."""
    code = response.status_code
    if code >= 500:
        return f"server error {code}"
    if name in PUBLIC:
        return None
    is_api = pattern.startswith("api/")
    if persona == "anonymous":
        if is_api:
            return None if code in {401, 404, 405} else f"anonymous got {code}"
        to_login = code == 302 and "/tai-khoan/dang-nhap/" in response.get("Location", "")
        return None if to_login or code in {404, 405} else f"anonymous got {code}"
    if name in ANY_SIGNED_IN:
        return None
    if name in SIGN_IN_FLOW:
        return None if code == 302 else f"{persona} got {code}"
    if code == 405:
        return None  # POST-only route: covered by test_post_is_refused_and_changes_nothing
    if persona == "officer_b":
        if _has_object(pattern) and name not in SHARED:
            return None if code == 404 else f"B's officer got {code} on A's object"
        if code == 200:
            body = response.content.decode(errors="replace")
            leaked = [m for m in _markers(world) if m and m in body]
            return f"B's officer sees {leaked}" if leaked else None
        return None if code in {302, 403, 404} else f"B's officer got {code}"
    if persona == "roleless":
        return None if code in {302, 403, 404} else f"role-less account got {code}"
    if allowed(persona, name):
        ok = {200, 302} if name == "decisions:certificates_pdf" else {200}
        if name in STATE_DEPENDENT:
            ok |= {302, 400, 404, 409, 422}
        if name in NARROWER:
            ok |= {403}
        return None if code in ok else f"{persona} may ({required(name)}) but got {code}"
    if (
        C.VIEW in PERSONA_CAPS[persona]
        and _visible_object(name)
        and name not in HIDDEN_404 | STATE_DEPENDENT
    ):
        # the object is visible to this persona: the missing right is "forbidden", not "absent"
        return None if code == 403 else f"{persona} sees the object, lacks {required(name)}: {code}"
    return None if code in {403, 404} else f"{persona} lacks {required(name)} but got {code}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", pw.PERSONAS)
def test_every_route_answers_each_persona_by_capability(world, persona):
    client = _client(world, persona)
    failures = []
    walked = 0
    for name, pattern in ROUTES:
        if name in pw.SECRET_ROUTES:
            continue
        url = pw.concrete(name, pattern, world.objects)
        problem = _check(persona, name, pattern, client.get(url), world)
        walked += 1
        if problem:
            failures.append(f"{name} {url}: {problem}")
    assert walked > 250
    assert not failures, "\n".join(failures)


def _row_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label != "sessions.Session"
    }


# POSTs that act on the caller's own account or start a computation in the caller's own scope
# (a candidate run is a read of the register, kept as the caller's working set): not walked.
OWN_ACTIONS = {"accounts:two_factor_new_codes", "inbox:read_all", "rules:run_start"}


def _post_problem(persona: str, name: str, pattern: str, code: int) -> str | None:
    if code >= 500:
        return f"server error {code}"
    if code == 405:
        return None  # the route takes no POST
    is_api = pattern.startswith("api/")
    if persona == "officer_b":
        if _has_object(pattern) and name not in SHARED:
            if is_api and code in {400, 422}:
                return None  # empty body refused by the schema, before (and whatever) the id
            return None if code == 404 else f"B's officer got {code} on A's object"
        return None  # B's own lists and forms (an empty form is re-shown or refused)
    # A's viewer: may read, never change. A route needing more than VIEW answers 403 (or 404
    # for a section hidden from viewers); a read-only page may re-render (200) on POST; an
    # API write with an empty body is refused by validation (400/422) before any change.
    if required(name) == C.VIEW:
        return None if code in {200, 302, 400, 403, 404, 422} else f"viewer got {code}"
    if is_api and code in {400, 422}:
        return None
    return None if code in {403, 404} else f"viewer (lacks {required(name)}) got {code}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["officer_b", "viewer_a"])
def test_post_is_refused_and_changes_nothing(world, persona):
    """Every state-changing route, POSTed (empty form) by B's officer and by A's viewer:
    refused, and no table gains or loses a row, no audit entry is written."""
    from vinhdanh.core.models import AuditEntry

    client = _client(world, persona)
    before = _row_counts()
    audit_before = AuditEntry.objects.count()
    failures = []
    walked = 0
    for name, pattern in ROUTES:
        if name in pw.SECRET_ROUTES | PUBLIC | ANY_SIGNED_IN | SIGN_IN_FLOW | OWN_ACTIONS:
            continue
        url = pw.concrete(name, pattern, world.objects)
        problem = _post_problem(persona, name, pattern, client.post(url).status_code)
        walked += 1
        if problem:
            failures.append(f"POST {name} {url}: {problem}")
    assert walked > 250
    assert not failures, "\n".join(failures)
    after = _row_counts()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
    assert AuditEntry.objects.count() == audit_before
