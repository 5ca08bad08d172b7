"""A known province (the conftest tree: Hà Nội with Sở Y tế, its hospital and Sở GD&ĐT; Hà Tĩnh
outside) with movements, register entries and a TĐKT apparatus whose figures on Biểu
0601–0605 for 2025 are computed by hand in the tests (period 01/12/2024–30/11/2025)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

D = dt.date


@pytest.fixture
def stats_data(tree, people):
    from vinhdanh.emulation.models import Movement
    from vinhdanh.registry.models import HonourRecord
    from vinhdanh.reports.models import TdktOfficer, TdktOrganisation

    def movement(unit, theme, kind, start, end, *, status="launched", launched_on=None, **extra):
        return Movement.objects.create(
            launching_unit=unit,
            authority="Chủ tịch",
            theme=theme,
            kind=kind,
            start=start,
            end=end,
            status=status,
            launched_on=launched_on,
            **extra,
        )

    mv = SimpleNamespace(
        m1=movement(tree.hanoi, "Thi đua yêu nước 2025", "regular", D(2025, 1, 1), D(2025, 12, 31),
                    launched_on=D(2024, 12, 15)),
        m2=movement(tree.syt, "Chuyển đổi số y tế", "thematic", D(2025, 3, 1), D(2025, 8, 31),
                    launched_on=D(2025, 3, 1)),
        m3=movement(tree.hospital, "Cụm bệnh viện", "thematic", D(2025, 1, 1), D(2027, 6, 30),
                    status="closed", launch_level="BO_TINH", scope="CUM_KHOI"),
        draft=movement(tree.hanoi, "Dự thảo", "regular", D(2025, 1, 1), D(2025, 12, 31),
                       status="draft"),
        earlier=movement(tree.hanoi, "Năm trước", "regular", D(2024, 1, 1), D(2024, 12, 31),
                         launched_on=D(2024, 11, 15)),
        other=movement(tree.hatinh, "Hà Tĩnh", "regular", D(2025, 1, 1), D(2025, 12, 31),
                       launched_on=D(2025, 1, 1)),
    )  # fmt: skip

    an, binh, chi = people.an, people.binh, people.chi
    an.is_leader = True  # leads in Sở Y tế (a department): LD_VU_SO
    an.save()
    binh.is_direct_worker = True  # TRUC_TIEP
    binh.save()

    def award(code, date, *, person=None, unit=None, kind="THUONG_XUYEN", freeze=True, **extra):
        record = HonourRecord(
            person=person,
            unit=unit,
            honour_id=code,
            achievement_year=(date or D(2025, 1, 1)).year,
            decision_date=date,
            decision_number=f"{code}/QĐ",
            award_kind=kind,
            **extra,
        )
        if freeze:
            record.freeze_statistics(person=person, unit=unit)
        record.save()
        return record

    aw = SimpleNamespace(
        # 0602 (state level)
        r1=award("HCLD3", D(2025, 5, 1), person=an),
        r2=award("BK_TTG", D(2025, 2, 1), person=binh, kind="CHUYEN_DE", freeze=False),
        r3=award("BK_TTG", D(2025, 6, 1), unit=tree.hospital, kind="DOT_XUAT", is_enterprise=True),
        r4=award("CO_TD_CP", D(2025, 11, 30), unit=tree.syt),
        # 0603 (ministry / province level)
        r5=award("BK_TINH", D(2024, 12, 1), person=an),
        r6=award("CSTD_TINH", D(2025, 4, 4), person=chi, kind="NIEN_HAN"),
        r7=award("CO_TD_TINH", D(2025, 7, 7), unit=tree.sgd),
        r8=award("KNC", D(2025, 8, 8), person=binh, kind="CONG_HIEN"),
        # on no form, or outside the period or the province
        giay_khen=award("GIAY_KHEN", D(2025, 3, 3), person=an),
        ttldxs=award("TTLDXS", D(2025, 3, 3), unit=tree.hospital),
        later=award("HCLD2", D(2025, 12, 5), person=an),
        foreign=award("BK_TTG", D(2025, 5, 5), person=people.foreign),
        undated=award("BK_TINH", None, person=binh),
    )

    org = SimpleNamespace(
        ban=TdktOrganisation.objects.create(unit=tree.hanoi, name="Ban TĐKT", kind="BAN_THUOC_SNV"),
        phong=TdktOrganisation.objects.create(
            unit=tree.hanoi, name="Phòng TĐKT", kind="PHONG_THUOC_SNV", active_from=D(2020, 1, 1)
        ),
        gone=TdktOrganisation.objects.create(
            unit=tree.hanoi, name="Phòng cũ", kind="PHONG_THUOC_SNV", active_to=D(2025, 6, 30)
        ),
        ht=TdktOrganisation.objects.create(unit=tree.hatinh, name="Ban HT", kind="BAN_THUOC_SNV"),
    )
    off = SimpleNamespace(
        o1=TdktOfficer.objects.create(unit=tree.hanoi, full_name="Nguyễn Thị Một", gender="female",
                                      date_of_birth=D(1995, 12, 1), training="DAI_HOC",
                                      tdkt_since=D(2022, 1, 1)),
        o2=TdktOfficer.objects.create(unit=tree.hanoi, full_name="Trần Văn Hai", gender="male",
                                      date_of_birth=D(1985, 11, 30), training="TREN_DAI_HOC",
                                      tdkt_since=D(2015, 11, 30)),
        o3=TdktOfficer.objects.create(unit=tree.sgd, full_name="Lê Thị Ba", gender="female",
                                      date_of_birth=D(1964, 6, 1), training="",
                                      tdkt_since=D(2020, 11, 30)),
        left=TdktOfficer.objects.create(unit=tree.hanoi, full_name="Phạm Văn Bốn", gender="male",
                                        date_of_birth=D(1980, 1, 1), training="DAI_HOC",
                                        tdkt_since=D(2010, 1, 1), active_to=D(2025, 1, 1)),
    )  # fmt: skip
    return SimpleNamespace(mv=mv, aw=aw, org=org, off=off)
