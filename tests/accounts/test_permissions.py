import pytest

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import can_on_unit, capabilities, scope_paths
from vinhdanh.orgs.selectors import people_visible, units_visible


@pytest.mark.django_db
def test_role_covers_unit_subtree_only(tree, personas):
    user = personas.unit_officer
    assert can_on_unit(user, Capability.EDIT_ORGS, tree.syt)
    assert can_on_unit(user, Capability.EDIT_ORGS, tree.hospital)
    assert not can_on_unit(user, Capability.EDIT_ORGS, tree.hanoi)
    assert not can_on_unit(user, Capability.EDIT_ORGS, tree.sgd)
    assert set(units_visible(user)) == {tree.syt, tree.hospital}


@pytest.mark.django_db
def test_viewer_cannot_edit(tree, personas):
    assert can_on_unit(personas.viewer, Capability.VIEW, tree.syt)
    assert not can_on_unit(personas.viewer, Capability.EDIT_ORGS, tree.syt)
    assert Capability.EDIT_REGISTER not in capabilities(personas.viewer)


@pytest.mark.django_db
def test_outsider_sees_nothing_of_hanoi(tree, personas, people):
    visible = set(people_visible(personas.outsider))
    assert visible == {people.foreign}


@pytest.mark.django_db
def test_user_without_roles_has_no_scope(personas):
    assert scope_paths(personas.nobody) == []
    assert capabilities(personas.nobody) == set()
