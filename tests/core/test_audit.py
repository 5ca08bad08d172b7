import pytest

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction, AuditEntry


@pytest.mark.django_db
def test_audit_update_records_before_and_after(tree, personas):
    unit = tree.syt
    before = audit.snapshot(unit)
    unit.name = "Sở Y tế Hà Nội"
    unit.save()
    entry = audit.record_update(personas.admin, unit, before)
    entry.refresh_from_db()
    assert entry.action == AuditAction.UPDATE
    assert entry.changes["name"] == ["Sở Y tế", "Sở Y tế Hà Nội"]
    assert entry.unit_id == unit.pk and entry.actor_name == "quantri"


@pytest.mark.django_db
def test_audit_entry_cannot_be_edited_or_deleted(tree, personas):
    entry = audit.record_create(personas.admin, tree.syt)
    entry.note = "sửa"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(note="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""
