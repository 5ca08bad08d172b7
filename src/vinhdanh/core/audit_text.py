"""Audit entries as Vietnamese sentences: "Ban hành Quyết định 12/QĐ-UBND", "Cập nhật đơn vị
“Sở Y tế”: Tên đơn vị “A” → “B”", with choice codes shown by their labels.

Services that know the business verb write it in ``note`` (issue, revoke, lock...); that note is
the sentence. Otherwise the sentence is built from the action, the model's verbose name and the
object; a status change reads "từ <nhãn cũ> sang <nhãn mới>"."""

from __future__ import annotations

from django.apps import apps

from .models import AuditAction

VERBS = {
    AuditAction.CREATE: "Tạo",
    AuditAction.UPDATE: "Cập nhật",
    AuditAction.DELETE: "Xóa",
    AuditAction.TRANSITION: "Chuyển trạng thái",
    AuditAction.IMPORT: "Nhập dữ liệu",
    AuditAction.LOGIN: "Đăng nhập",
    AuditAction.SECURITY: "Thay đổi bảo mật",
}


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def value_labels(object_type: str) -> dict[str, dict]:
    """{field name: {stored value: label}} for the model's fields with choices."""
    model = _model(object_type)
    if model is None:
        return {}
    return {
        f.name: {str(k): str(v) for k, v in f.flatchoices}
        for f in model._meta.get_fields()
        if getattr(f, "choices", None)
    }


def show(value, labels: dict | None = None):
    """A stored value as a person reads it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if labels and str(value) in labels:
        return labels[str(value)]
    return value


def sentence(entry, type_label: str, choices: dict[str, dict] | None = None) -> str:
    if entry.note and entry.action not in (
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ):
        return entry.note
    verb = VERBS.get(entry.action, entry.get_action_display())
    what = (
        f"{type_label.lower()} “{entry.object_repr}”" if entry.object_repr else type_label.lower()
    )
    if entry.action == AuditAction.LOGIN:
        return "Đăng nhập"
    status = entry.changes.get("status") if isinstance(entry.changes, dict) else None
    if (
        entry.action == AuditAction.TRANSITION
        and isinstance(status, list | tuple)
        and len(status) == 2
    ):
        labels = (choices or {}).get("status", {})
        before, after = (show(v, labels) or "—" for v in status)
        return f"Chuyển {what} từ “{before}” sang “{after}”"
    text = f"{verb} {what}"
    return f"{text} ({entry.note})" if entry.note else text
