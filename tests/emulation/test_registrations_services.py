"""Registration services: collective titles, models, individuals, deadline, duplicates, the
engine's warnings (stored, recomputed set-based), movements."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.emulation.fixtures_registrations import *  # noqa: F403 (fixtures)
from tests.factories import HonourFactory
from vinhdanh.core.models import AuditEntry
from vinhdanh.emulation.models import EmulationModel, MovementParticipant, Registration
from vinhdanh.emulation.permissions import EmulationError
from vinhdanh.emulation.selectors import registrations as selectors
from vinhdanh.emulation.services import registrations as services

PAST = dt.date(2020, 1, 31)
FUTURE = dt.date(2099, 1, 31)


def test_collective_set_adds_and_removes_with_audit(khoi9, honours):
    bloc, sgd = khoi9.bloc, khoi9.sgd
    done = services.collective_set(
        khoi9.sgd_officer, bloc, sgd, honours=[honours.co_td_tinh, honours.ttldxs]
    )
    assert sorted(done["added"]) == ["CO_TD_TINH", "TTLDXS"]
    regs = Registration.objects.filter(bloc=bloc, unit=sgd, kind="collective")
    assert sorted(regs.values_list("honour_id", flat=True)) == ["CO_TD_TINH", "TTLDXS"]
    assert all(r.year == 2024 and r.person_id is None for r in regs)
    done = services.collective_set(khoi9.sgd_officer, bloc, sgd, honours=[honours.co_td_cp])
    assert done == {"added": ["CO_TD_CP"], "removed": ["CO_TD_TINH", "TTLDXS"]} or (
        done["added"] == ["CO_TD_CP"] and sorted(done["removed"]) == ["CO_TD_TINH", "TTLDXS"]
    )
    assert list(regs.values_list("honour_id", flat=True)) == ["CO_TD_CP"]
    actions = AuditEntry.objects.filter(object_type="emulation.registration")
    assert actions.filter(action="create").count() == 3
    assert actions.filter(action="delete").count() == 2


def test_collective_refuses_individual_title(khoi9, honours):
    with pytest.raises(EmulationError, match="không dành cho tập thể"):
        services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.ldtt])
    assert not Registration.objects.exists()


def test_flags_are_manual_so_never_warned(khoi9, honours):
    services.collective_set(
        khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.co_td_tinh, honours.co_td_cp]
    )
    assert set(Registration.objects.values_list("warning", flat=True)) == {""}


def test_ttldxs_of_unit_without_members_is_warned(khoi9, honours):
    services.collective_set(khoi9.skhcn_officer, khoi9.bloc, khoi9.skhcn, honours=[honours.ttldxs])
    reg = Registration.objects.get()
    assert "Điều 27" in reg.warning and "thành viên" in reg.warning


def test_ttldxs_with_members_and_the_year_going_well_not_warned(khoi9, honours, staff):
    services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.ttldxs])
    assert Registration.objects.get().warning == ""


def test_models_create_edit_delete(khoi9):
    officer, bloc, sgd = khoi9.sgd_officer, khoi9.bloc, khoi9.sgd
    model = services.model_save(
        officer, bloc, sgd, name=" Trường học hạnh phúc ", description="Mô tả",
        indicators="100% trường đạt chuẩn\n\n  90% giáo viên đạt chuẩn  ",
    )  # fmt: skip
    model.refresh_from_db()
    assert (model.name, model.year, model.bloc_id) == ("Trường học hạnh phúc", 2024, bloc.pk)
    assert model.indicators.splitlines() == ["100% trường đạt chuẩn", "90% giáo viên đạt chuẩn"]
    services.model_save(officer, bloc, sgd, instance=model, name="Trường học xanh", description="", indicators="")  # fmt: skip
    model.refresh_from_db()
    assert model.name == "Trường học xanh"
    services.model_delete(officer, model)
    assert not EmulationModel.objects.exists()
    assert AuditEntry.objects.filter(object_type="emulation.emulationmodel").count() == 3
    with pytest.raises(EmulationError, match="tên mô hình"):
        services.model_save(officer, bloc, sgd, name="  ")


def test_individuals_bulk_and_subtree(khoi9, honours, staff):
    regs = services.registrations_add(
        khoi9.sgd_officer, khoi9.bloc, khoi9.sgd,
        [(staff.hoa, honours.cstdcs), (staff.nam, honours.cstdcs), (staff.tu, honours.ldtt)],
    )  # fmt: skip
    assert len(regs) == 3 and all(r.pk for r in regs)
    rows = Registration.objects.filter(kind="individual").order_by("person__full_name")
    assert [(r.person.full_name, r.honour_id) for r in rows] == [
        ("Lê Minh Tú", "LDTT"), ("Nguyễn Thị Hoa", "CSTDCS"), ("Trần Văn Nam", "CSTDCS"),
    ]  # fmt: skip
    assert AuditEntry.objects.filter(object_type="emulation.registration", action="create").count() == 3  # fmt: skip


def test_individual_outside_unit_or_collective_title_refused(khoi9, honours, staff):
    with pytest.raises(EmulationError, match="không thuộc Sở Giáo dục"):
        services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.lan, honour=honours.ldtt)  # fmt: skip
    with pytest.raises(EmulationError, match="không phải danh hiệu dành cho cá nhân"):
        services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ttldxs)  # fmt: skip
    assert not Registration.objects.exists()


def test_duplicate_refused_with_clear_message(khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    with pytest.raises(EmulationError) as exc:
        services.registrations_add(
            khoi9.sgd_officer, khoi9.bloc, khoi9.sgd,
            [(staff.hoa, honours.ldtt), (staff.nam, honours.ldtt)],
        )  # fmt: skip
    assert str(exc.value) == "Trần Văn Nam đã được đăng ký Lao động tiên tiến năm 2024."
    assert Registration.objects.count() == 1  # all or nothing
    with pytest.raises(EmulationError, match="được chọn hai lần"):
        services.registrations_add(
            khoi9.sgd_officer, khoi9.bloc, khoi9.sgd,
            [(staff.hoa, honours.ldtt), (staff.hoa, honours.ldtt)],
        )  # fmt: skip
    services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.ttldxs])
    with pytest.raises(EmulationError, match="đã đăng ký Tập thể lao động xuất sắc năm 2024"):
        services.collective_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honour=honours.ttldxs)


def test_member_officer_cannot_register_for_another_member(khoi9, honours, staff):
    with pytest.raises(EmulationError, match="không thể đăng ký thay đơn vị khác"):
        services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.syt, person=staff.lan, honour=honours.ldtt)  # fmt: skip
    with pytest.raises(EmulationError, match="không thể đăng ký thay đơn vị khác"):
        services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.syt, honours=[honours.ttldxs])
    with pytest.raises(EmulationError, match="không phải thành viên"):
        services.collective_set(khoi9.other_bloc_officer, khoi9.bloc, khoi9.sxd, honours=[honours.ttldxs])  # fmt: skip
    assert not Registration.objects.exists()


def test_deadline_set_by_owner_or_head_only_and_audited(khoi9):
    services.registration_deadline_set(khoi9.head_officer, khoi9.bloc, deadline=FUTURE)
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.registration_deadline == FUTURE
    services.registration_deadline_set(khoi9.city_officer, khoi9.bloc, deadline=PAST)
    khoi9.bloc.refresh_from_db()
    assert khoi9.bloc.registration_deadline == PAST
    with pytest.raises(EmulationError):
        services.registration_deadline_set(khoi9.sgd_officer, khoi9.bloc, deadline=None)
    entries = AuditEntry.objects.filter(object_type="emulation.bloc", action="update")
    assert entries.count() == 2
    assert entries.order_by("pk").last().changes["registration_deadline"] == [
        "2099-01-31",
        "2020-01-31",
    ]


def test_after_deadline_member_refused_owner_corrects(khoi9, honours, staff):
    services.registration_deadline_set(khoi9.city_officer, khoi9.bloc, deadline=PAST)
    khoi9.bloc.refresh_from_db()
    for call in (
        lambda u: services.registration_add(
            u, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt
        ),  # fmt: skip
        lambda u: services.collective_set(u, khoi9.bloc, khoi9.sgd, honours=[honours.ttldxs]),
        lambda u: services.model_save(u, khoi9.bloc, khoi9.sgd, name="Mô hình"),
    ):
        with pytest.raises(
            EmulationError, match="Đã hết hạn đăng ký thi đua .* \\(ngày 31/01/2020\\)"
        ):
            call(khoi9.sgd_officer)
    assert not Registration.objects.exists() and not EmulationModel.objects.exists()
    services.registration_add(khoi9.city_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    services.collective_set(khoi9.city_officer, khoi9.bloc, khoi9.sgd, honours=[honours.ttldxs])
    assert Registration.objects.count() == 2
    reg = Registration.objects.get(person=staff.nam)
    with pytest.raises(EmulationError, match="Đã hết hạn"):
        services.registration_delete(khoi9.sgd_officer, reg)
    services.registration_delete(khoi9.city_officer, reg)
    assert Registration.objects.count() == 1


def test_before_deadline_member_registers(khoi9, honours, staff):
    services.registration_deadline_set(khoi9.city_officer, khoi9.bloc, deadline=FUTURE)
    khoi9.bloc.refresh_from_db()
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    assert Registration.objects.filter(person=staff.nam).exists()


# --- Warnings ----------------------------------------------------------------------------------


def test_cstd_tinh_without_run_is_warned_citing_dieu_22(khoi9, honours, staff):
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.cstd_tinh)  # fmt: skip
    stored = Registration.objects.get(pk=reg.pk).warning
    assert "Điều 22" in stored
    assert "3 năm liên tục đạt CSTĐCS" in stored


def test_cstd_tinh_with_run_not_warned(khoi9, honours, staff):
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.hoa, honour=honours.cstd_tinh)  # fmt: skip
    assert Registration.objects.get(pk=reg.pk).warning == ""


def test_lower_titles_not_warned_when_the_year_goes_well(khoi9, honours, staff):
    services.registrations_add(
        khoi9.sgd_officer, khoi9.bloc, khoi9.sgd,
        [(staff.nam, honours.ldtt), (staff.nam, honours.cstdcs), (staff.tu, honours.cstdcs)],
    )  # fmt: skip
    assert set(Registration.objects.values_list("warning", flat=True)) == {""}


def test_recorded_weak_rating_of_the_year_is_used(khoi9, honours, staff):
    from tests.factories import RatingFactory

    RatingFactory(person=staff.nam, year=2024, rating_id="HT")
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    assert "Điều 24" in Registration.objects.get(pk=reg.pk).warning


def test_warnings_are_set_based(khoi9, honours, staff, django_assert_max_num_queries):
    people = [staff.hoa, staff.nam, staff.tu]
    pairs = [(p.pk, "CSTD_TINH") for p in people]
    with django_assert_max_num_queries(12) as few:
        selectors.individual_warnings(pairs[:1], 2024)
    with django_assert_max_num_queries(12) as many:
        found = selectors.individual_warnings(pairs, 2024)
    assert len(few.captured_queries) == len(many.captured_queries)
    assert found[(staff.hoa.pk, "CSTD_TINH")] == "" and found[(staff.nam.pk, "CSTD_TINH")]


def test_recheck_recomputes_after_register_change(khoi9, honours, staff):
    reg = services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.cstd_tinh)  # fmt: skip
    assert Registration.objects.get(pk=reg.pk).warning
    # The register learns of Nam's run and his initiative: the warning goes on recheck.
    for year in (2022, 2023):
        HonourFactory(person=staff.nam, honour_id="CSTDCS", achievement_year=year)
    from tests.factories import InitiativeFactory

    InitiativeFactory(person=staff.nam, scope_id="TINH", year=2022)
    assert Registration.objects.get(pk=reg.pk).warning  # stored, not recomputed on read
    checked, changed = services.warnings_recompute(khoi9.head_officer, khoi9.bloc)
    assert (checked, changed) == (1, 1)
    assert Registration.objects.get(pk=reg.pk).warning == ""
    entry = AuditEntry.objects.filter(object_type="emulation.bloc").latest("pk")
    assert "1 thay đổi cảnh báo" in entry.note


def test_recheck_by_member_limited_to_its_units_other_refused(khoi9, honours, staff):
    services.registration_add(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, person=staff.nam, honour=honours.ldtt)  # fmt: skip
    services.registration_add(khoi9.head_officer, khoi9.bloc, khoi9.syt, person=staff.lan, honour=honours.ldtt)  # fmt: skip
    assert services.warnings_recompute(khoi9.sgd_officer, khoi9.bloc) == (1, 0)
    with pytest.raises(EmulationError):
        services.warnings_recompute(khoi9.other_bloc_officer, khoi9.bloc)


# --- Movements ---------------------------------------------------------------------------------


def test_movement_registrations_and_counts(khoi9, movement, honours, staff):
    MovementParticipant.objects.get_or_create(movement=movement, unit=khoi9.sgd)
    services.movement_registration_add(
        khoi9.sgd_officer, movement, khoi9.sgd, honour=honours.ttldxs
    )
    services.movement_registration_add(khoi9.sgd_officer, movement, khoi9.sgd, honour=honours.cstd_tinh, person=staff.nam)  # fmt: skip
    services.movement_registration_add(khoi9.sgd_officer, movement, khoi9.sgd, honour=honours.cstd_tinh, person=staff.hoa)  # fmt: skip
    counts = {(c["honour_id"], c["kind"]): (c["total"], c["warned"]) for c in selectors.registrations_for_movement(movement)}  # fmt: skip
    assert counts == {("TTLDXS", "collective"): (1, 0), ("CSTD_TINH", "individual"): (2, 1)}
    assert set(Registration.objects.values_list("movement_id", flat=True)) == {movement.pk}
    with pytest.raises(EmulationError, match="chưa tham gia"):
        services.movement_registration_add(khoi9.skhcn_officer, movement, khoi9.skhcn, honour=honours.ttldxs)  # fmt: skip
    with pytest.raises(EmulationError, match="đã được đăng ký"):
        services.movement_registration_add(khoi9.sgd_officer, movement, khoi9.sgd, honour=honours.cstd_tinh, person=staff.nam)  # fmt: skip


def test_collective_registered_for_a_movement_is_a_duplicate_in_the_bloc(khoi9, movement, honours):
    MovementParticipant.objects.get_or_create(movement=movement, unit=khoi9.sgd)
    services.movement_registration_add(
        khoi9.sgd_officer, movement, khoi9.sgd, honour=honours.ttldxs
    )
    with pytest.raises(EmulationError, match="ở nơi khác"):
        services.collective_set(khoi9.sgd_officer, khoi9.bloc, khoi9.sgd, honours=[honours.ttldxs])
    assert Registration.objects.get().movement_id == movement.pk
