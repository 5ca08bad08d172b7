"""Every URL of the product refuses people who have no business there.

Walks the whole URL configuration, so a new view cannot be added without a decision about who
may open it: anonymous visitors are sent to the login page (pages) or get 401 (API); a signed-in
account without any role sees none of the data pages.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages anyone may open, and pages for every signed-in account whatever its roles.
PUBLIC = {"accounts:login", "core:health", "api:openapi-json", "api:openapi-view"}
# Password reset by e-mail: for people who cannot sign in (the answer never says whether an
# address has an account; the link carries a one-time token).
PUBLIC |= {
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}
# The public portal (no login): decisions, verification, publicity lists, exemplar stories.
PUBLIC |= {
    "portal:home",
    "portal:decision_list",
    "portal:decision_detail",
    "portal:verify",
    "portal:verify_token",
    "portal:publicity_list",
    "portal:publicity_detail",
    "portal:story_list",
    "portal:story_detail",
    "portal:legal_texts",  # the legal texts the product cites (public law)
}
ANY_SIGNED_IN = {
    "core:home",
    "accounts:logout",
    "accounts:password_change",
    "accounts:two_factor_setup",  # enrol one's own second factor
    "accounts:tokens",
    "accounts:token_revoke",
    "api:me",
    "api:api-root",
    "orgs:ward_options",  # public reference data: the wards of a province
    # the user's own work inbox, notifications, preferences; help; feedback to the administrator
    "inbox:work",
    "inbox:counts",
    "inbox:notifications",
    "inbox:preferences",
    "inbox:help",
    "inbox:feedback",
}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            full_ns = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _walk(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name


def _concrete(pattern: str) -> str:
    path = pattern.lstrip("^").rstrip("$")
    path = re.sub(r"<int:[^>]+>", "999999", path)
    path = re.sub(r"<slug:[^>]+>", "khong-co", path)
    path = re.sub(r"<(str:)?[^>]+>", "khong-co", path)
    path = path.replace("\\Z", "").replace("\\", "")
    return "/" + path


def product_urls():
    urls = []
    for pattern, name in _walk(get_resolver()):
        if pattern.startswith(("quan-tri-he-thong/", "static/", "_files")):
            continue  # Django's own admin (staff only) and static files
        if "(?P" in pattern or "[" in pattern:
            continue
        urls.append((name or pattern, _concrete(pattern)))
    return sorted(set(urls))


URLS = product_urls()


def test_the_walk_finds_the_product_pages():
    names = {n for n, _ in URLS}
    assert {
        "orgs:person_list",
        "registry:person_profile",
        "emulation:bloc_detail",
        "rules:candidates",
    } <= names
    assert len(URLS) > 100


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [u for u in URLS if u[0] not in PUBLIC])
def test_anonymous_is_refused(client, name, url):
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if url.startswith("/api/"):
            assert response.status_code in {401, 404, 405}, (name, method, response.status_code)
        else:
            ok = response.status_code in {404, 405} or (
                response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
            )
            assert ok, (name, method, response.status_code, response.get("Location"))


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), [u for u in URLS if u[0] not in PUBLIC | ANY_SIGNED_IN])
def test_account_without_roles_sees_nothing(client, personas, name, url):
    client.force_login(personas.nobody, backend="vinhdanh.accounts.backends.LockoutModelBackend")
    response = client.get(url)
    assert response.status_code in {302, 403, 404, 405} or (
        response.status_code == 200 and _empty_for_nobody(response)
    ), (name, response.status_code)


def _empty_for_nobody(response) -> bool:
    """A 200 is acceptable only for an index page that lists nothing for a user without roles."""
    if response.get("Content-Type", "").startswith("application/json"):
        import json

        data = json.loads(response.content)
        items = data.get("items") if isinstance(data, dict) else data
        return items == [] or (isinstance(data, dict) and data.get("count") == 0)
    return False
