"""/api/v1/registrations: scoped list with filters; POST by a member's officer through the same
service and rules (deadline, duplicates, kinds, warnings); refusals."""

from __future__ import annotations

import datetime as dt

from tests.emulation.fixtures_registrations import *  # noqa: F403 (fixtures)
from vinhdanh.emulation.models import Registration
from vinhdanh.emulation.services import registrations as services

API = "/api/v1/registrations"


def _post(client, **body):
    return client.post(API, body, content_type="application/json")


def test_list_scoped_and_filtered(login, khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.cstd_tinh)  # fmt: skip
    services.collective_set(khoi9.head_officer, khoi9.bloc, khoi9.syt, honours=[honours.ttldxs])
    body = login(khoi9.sgd_officer).get(API).json()
    assert body["count"] == 2
    nam = next(i for i in body["items"] if i["person"])
    assert nam["person"]["full_name"] == "Trần Văn Nam" and nam["honour"] == "CSTD_TINH"
    assert "Điều 22" in nam["warning"] and nam["bloc_id"] == khoi9.bloc.pk
    client = login(khoi9.city_officer)
    assert client.get(API, {"unit": khoi9.syt.pk}).json()["count"] == 1
    assert client.get(API, {"bloc": khoi9.bloc.pk, "year": 2024}).json()["count"] == 2
    assert client.get(API, {"year": 2025}).json()["count"] == 0
    assert login(khoi9.other_bloc_officer).get(API).json()["count"] == 0


def test_post_individual_and_collective(login, khoi9, staff):
    client = login(khoi9.sgd_officer)
    resp = _post(
        client, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="cstd_tinh", person=staff.nam.pk
    )
    assert resp.status_code == 201
    assert "Điều 22" in resp.json()["warning"]
    resp = _post(client, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="CO_TD_TINH")
    assert (
        resp.status_code == 201
        and resp.json()["kind"] == "collective"
        and resp.json()["warning"] == ""
    )
    assert Registration.objects.count() == 2


def test_post_refusals(login, khoi9, staff, personas, client):
    member = login(khoi9.sgd_officer)
    dup = dict(bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="LDTT", person=staff.nam.pk)
    assert _post(member, **dup).status_code == 201
    resp = _post(member, **dup)
    assert resp.status_code == 422
    assert resp.json()["detail"] == "Trần Văn Nam đã được đăng ký Lao động tiên tiến năm 2024."
    resp = _post(member, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="LDTT", person=staff.lan.pk)
    assert resp.status_code == 422 and "Không tìm thấy người này" in resp.json()["detail"]
    resp = _post(member, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="XYZ")
    assert resp.status_code == 422
    resp = _post(member, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="LDTT")
    assert (
        resp.status_code == 422 and "không phải danh hiệu dành cho tập thể" in resp.json()["detail"]
    )
    # another member of the same bloc
    resp = _post(member, bloc=khoi9.bloc.pk, unit=khoi9.syt.pk, honour="TTLDXS")
    assert resp.status_code == 403
    for user in (khoi9.other_bloc_officer, personas.outsider):
        resp = _post(login(user), bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="TTLDXS")
        assert resp.status_code == 404
    client.logout()
    assert client.get(API).status_code == 401
    assert _post(client, bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="TTLDXS").status_code == 401
    assert Registration.objects.count() == 1


def test_post_after_deadline_member_refused_owner_allowed(login, khoi9):
    khoi9.bloc.registration_deadline = dt.date(2020, 1, 31)
    khoi9.bloc.save()
    resp = _post(login(khoi9.sgd_officer), bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="TTLDXS")
    assert resp.status_code == 422 and "Đã hết hạn đăng ký thi đua" in resp.json()["detail"]
    assert not Registration.objects.exists()
    resp = _post(login(khoi9.city_officer), bloc=khoi9.bloc.pk, unit=khoi9.sgd.pk, honour="TTLDXS")
    assert resp.status_code == 201
    assert Registration.objects.filter(unit=khoi9.sgd, honour_id="TTLDXS").exists()
