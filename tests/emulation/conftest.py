"""Khối thi đua số 9 of Hà Nội, 2024 (SCENARIOS.md 1), with an officer for each member.

hanoi (owner: the city's council) ── SYT, SGDĐT, SKHCN, SLĐTBXH, SVHTT (members)
Sở Văn hóa và Thể thao is deputy head in 2024; Sở Y tế is head.
A second bloc (Khối 5) with other Sở is there to prove isolation between blocs.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import UnitFactory, UserFactory, grant
from vinhdanh.accounts.enums import Role
from vinhdanh.emulation.models import Bloc, BlocMember
from vinhdanh.orgs.enums import UnitLevel


@pytest.fixture
def khoi9(tree, personas):
    hanoi = tree.hanoi
    syt, sgd = tree.syt, tree.sgd

    def dept(code, name, abbr):
        return UnitFactory(
            code=f"HN.{code}",
            name=name,
            abbreviation=abbr,
            level=UnitLevel.DEPARTMENT,
            parent=hanoi,
        )

    skhcn = dept("SKHCN", "Sở Khoa học và Công nghệ", "SKHCN")
    sldtbxh = dept("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", "SLĐTBXH")
    svhtt = dept("SVHTT", "Sở Văn hóa và Thể thao", "SVHTT")
    sxd = dept("SXD", "Sở Xây dựng", "SXD")
    sgtvt = dept("SGTVT", "Sở Giao thông vận tải", "SGTVT")

    bloc = Bloc.objects.create(
        owner=hanoi,
        name="Khối thi đua số 9",
        abbreviation="KTĐ9",
        year=2024,
        head=syt,
        deputy=svhtt,
    )
    members = [syt, sgd, skhcn, sldtbxh, svhtt]
    for i, unit in enumerate(members, start=1):
        BlocMember.objects.create(bloc=bloc, unit=unit, rotation_order=i)
    other = Bloc.objects.create(
        owner=hanoi, name="Khối thi đua số 5", abbreviation="KTĐ5", year=2024, head=sxd
    )
    for i, unit in enumerate([sxd, sgtvt], start=1):
        BlocMember.objects.create(bloc=other, unit=unit, rotation_order=i)

    def officer(username, unit):
        user = UserFactory(username=username, full_name=f"Cán bộ TĐKT {unit.name}")
        grant(user, Role.OFFICER, unit)
        return user

    return SimpleNamespace(
        bloc=bloc,
        other_bloc=other,
        hanoi=hanoi,
        syt=syt,
        sgd=sgd,
        skhcn=skhcn,
        sldtbxh=sldtbxh,
        svhtt=svhtt,
        sxd=sxd,
        members=members,
        city_officer=personas.province_officer,  # owner's officer (Ban TĐKT Thành phố)
        head_officer=personas.unit_officer,  # officer of Sở Y tế, the head in 2024
        sgd_officer=officer("cb_sgd", sgd),
        skhcn_officer=officer("cb_skhcn", skhcn),
        sldtbxh_officer=officer("cb_sldtbxh", sldtbxh),
        svhtt_officer=officer("cb_svhtt", svhtt),
        other_bloc_officer=officer("cb_sxd", sxd),  # member of another bloc: sees nothing of Khối 9
    )
