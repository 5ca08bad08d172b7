"""The menu shows only what the signed-in user may use (core/nav.py + context processor)."""

import pytest
from django.urls import NoReverseMatch, reverse

from vinhdanh.core.nav import NAV_ITEMS


def _resolvable(item) -> bool:
    try:
        reverse(item.url_name)
    except NoReverseMatch:
        return False
    return True


def nav_labels(response) -> set[str]:
    return {item["label"] for _section, items in response.context["nav_sections"] for item in items}


@pytest.mark.django_db
def test_nav_viewer_sees_no_import_accounts_or_audit(login, personas):
    labels = nav_labels(login(personas.viewer).get(reverse("core:home")))
    assert not labels & {"Nhập từ Excel", "Nhập sổ từ Excel", "Tài khoản", "Nhật ký"}
    expected = {i.label for i in NAV_ITEMS if i.capability == "view" and _resolvable(i)}
    assert labels == expected


@pytest.mark.django_db
def test_nav_admin_sees_every_available_item(login, personas):
    r = login(personas.admin).get(reverse("core:home"))
    assert nav_labels(r) == {i.label for i in NAV_ITEMS if _resolvable(i)}
    html = r.content.decode()
    assert reverse("accounts:user_list") in html and reverse("core:audit_list") in html


@pytest.mark.django_db
def test_nav_officer_sees_audit_but_not_accounts(login, personas):
    labels = nav_labels(login(personas.unit_officer).get(reverse("core:home")))
    assert "Nhật ký" in labels and "Tài khoản" not in labels


@pytest.mark.django_db
def test_nav_user_without_roles_sees_only_overview(login, personas):
    r = login(personas.nobody).get(reverse("core:home"))
    assert r.context["nav_sections"] == []
    html = r.content.decode()
    sidebar = html[html.index('<nav class="sidebar"') : html.index("</nav>")]
    # Only the personal pages every account has: overview, own work inbox, help, feedback.
    import re

    links = {h.split("?")[0] for h in re.findall(r'<a href="([^"]+)"', sidebar)}
    assert links == {
        reverse("core:home"),
        reverse("inbox:work"),
        reverse("inbox:help"),
        reverse("inbox:feedback"),
    }
    # Every signed-in user reaches their API tokens from the top bar.
    assert reverse("accounts:tokens") in html


@pytest.mark.django_db
def test_nav_hidden_for_anonymous(client):
    r = client.get(reverse("accounts:login"))
    assert r.context["nav_sections"] == [] and 'class="sidebar"' not in r.content.decode()
