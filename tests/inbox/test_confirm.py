"""One-click actions ask first: forms carry data-confirm (what will happen), read by the one
local script core/static/core/app.js (CSP: no inline script)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from vinhdanh.nominations.models import Dossier


def test_the_script_reads_data_confirm_and_stops_the_submit():
    from pathlib import Path

    source = Path(finders.find("core/app.js")).read_text(encoding="utf-8")
    assert 'getAttribute("data-confirm")' in source and "window.confirm" in source
    assert "preventDefault" in source


@pytest.mark.django_db
def test_dossier_actions_carry_a_confirmation(tree, personas, login):
    d = Dossier.objects.create(
        kind="merit", title="Đề nghị năm 2025", year=2025, sending_unit=tree.hospital,
        receiving_unit=tree.syt, status="submitted",
    )  # fmt: skip
    client = login(personas.unit_officer)
    body = client.get(reverse("nominations:dossier_detail", args=[d.pk])).content.decode()
    assert 'data-confirm="Tiếp nhận hồ sơ «Đề nghị năm 2025»?' in body
    page = client.get(reverse("nominations:dossier_action", args=[d.pk, "tra-lai"]))
    html = page.content.decode()
    assert re.search(r'data-confirm="Trả lại hồ sơ «Đề nghị năm 2025»\? Hồ sơ được trả về', html)
    # The script is loaded from the app with the request's nonce; no inline script.
    nonce = re.search(r"'nonce-([^']+)'", page["Content-Security-Policy"]).group(1)
    assert f'src="/static/core/app.js" nonce="{nonce}"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>\s*\S", html)
