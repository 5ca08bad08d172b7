"""The data migrations fill the statistics of rows that existed before them."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from vinhdanh.emulation.models import Movement
from vinhdanh.registry.models import HonourRecord

pytestmark = pytest.mark.django_db


def test_register_rows_get_owner_sex_and_position_from_their_subject(tree, people):
    people.an.is_leader = True
    people.an.save()
    people.binh.is_direct_worker = True
    people.binh.save()
    rows = [
        HonourRecord.objects.create(person=p, honour_id="LDTT", achievement_year=2024)
        for p in (people.an, people.binh, people.chi)
    ]
    collective = HonourRecord.objects.create(unit=tree.hospital, honour_id="TTLDTT",
                                             achievement_year=2024)  # fmt: skip
    assert {r.owner_unit_id for r in [*rows, collective]} == {None}
    migration = importlib.import_module(
        "vinhdanh.registry.migrations.0002_honour_record_statistics_snapshot"
    )
    migration.freeze_existing(apps, None)
    got = {
        r.pk: (r.owner_unit_id, r.gender, r.position_category) for r in HonourRecord.objects.all()
    }
    assert got == {
        rows[0].pk: (tree.syt.pk, "male", "LD_VU_SO"),
        rows[1].pk: (tree.hospital.pk, "female", "TRUC_TIEP"),
        rows[2].pk: (tree.sgd.pk, "female", ""),
        collective.pk: (tree.hospital.pk, "", ""),
    }


def test_movements_get_launch_level_and_scope_from_the_launching_unit(tree):
    def make(unit):
        m = Movement.objects.create(launching_unit=unit, authority="x", theme="x", kind="regular",
                                    start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))  # fmt: skip
        Movement.objects.filter(pk=m.pk).update(launch_level="", scope="")
        return m

    province, department = make(tree.hanoi), make(tree.syt)
    migration = importlib.import_module(
        "vinhdanh.emulation.migrations.0006_movement_launch_level_scope"
    )
    migration.derive_existing(apps, None)
    got = dict(Movement.objects.values_list("pk", "launch_level"))
    assert got == {province.pk: "BO_TINH", department.pk: "CO_QUAN_DON_VI"}
    assert Movement.objects.get(pk=province.pk).scope == "BO_NGANH_DIA_PHUONG"
