"""The standing office oversees a bloc but cannot act as its members."""

import pytest

from vinhdanh.emulation.permissions import EmulationError, acting_members, require_acting_for


@pytest.mark.django_db
def test_member_officer_acts_only_for_own_unit(khoi9):
    assert acting_members(khoi9.sgd_officer, khoi9.bloc) == [khoi9.sgd]
    with pytest.raises(EmulationError):
        require_acting_for(khoi9.sgd_officer, khoi9.bloc, khoi9.syt)


@pytest.mark.django_db
def test_owner_officer_cannot_act_for_members(khoi9):
    assert acting_members(khoi9.city_officer, khoi9.bloc) == []
    with pytest.raises(EmulationError):
        require_acting_for(khoi9.city_officer, khoi9.bloc, khoi9.sgd)


@pytest.mark.django_db
def test_other_bloc_officer_acts_for_nobody(khoi9):
    assert acting_members(khoi9.other_bloc_officer, khoi9.bloc) == []
