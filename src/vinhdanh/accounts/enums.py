"""Roles and what each may do. Roles are granted on a unit and cover its whole subtree."""

from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OFFICER = "officer", "Cán bộ thi đua, khen thưởng"
    SIGNER = "signer", "Lãnh đạo, người ký"
    COUNCIL = "council", "Thành viên hội đồng"
    VIEWER = "viewer", "Người xem"


class Capability(models.TextChoices):
    VIEW = "view", "Xem dữ liệu"
    EDIT_ORGS = "edit_orgs", "Quản lý đơn vị, cá nhân"
    EDIT_REGISTER = "edit_register", "Cập nhật sổ thi đua, khen thưởng"
    IMPORT = "import", "Nhập dữ liệu từ Excel"
    EDIT_CATALOGUE = "edit_catalogue", "Sửa danh mục"
    VIEW_AUDIT = "view_audit", "Xem nhật ký"
    MANAGE_USERS = "manage_users", "Quản lý tài khoản"
    SIGN = "sign", "Ký quyết định"
    COUNCIL_VOTE = "council_vote", "Biểu quyết hội đồng"
    MANAGE_EMULATION = "manage_emulation", "Tổ chức phong trào, khối thi đua"
    MANAGE_NOMINATIONS = "manage_nominations", "Lập, thẩm định hồ sơ khen thưởng"


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(c.value for c in Capability),
    Role.OFFICER: frozenset(
        {
            Capability.VIEW,
            Capability.EDIT_ORGS,
            Capability.EDIT_REGISTER,
            Capability.IMPORT,
            Capability.VIEW_AUDIT,
            Capability.MANAGE_EMULATION,
            Capability.MANAGE_NOMINATIONS,
        }
    ),
    Role.SIGNER: frozenset({Capability.VIEW, Capability.SIGN}),
    Role.COUNCIL: frozenset({Capability.VIEW, Capability.COUNCIL_VOTE}),
    Role.VIEWER: frozenset({Capability.VIEW}),
}


class SigningMode(models.TextChoices):
    """How a signer signs (Nghị định 30/2020/NĐ-CP, Điều 13; Phụ lục I, mục II.7)."""

    HEAD = "head", "Người đứng đầu ký"
    KT = "kt", "KT. – cấp phó ký thay người đứng đầu"
    TM = "tm", "TM. – ký thay mặt tập thể"
    Q = "q", "Q. – quyền người đứng đầu"
    TL = "tl", "TL. – thừa lệnh"
    TUQ = "tuq", "TUQ. – thừa ủy quyền"
