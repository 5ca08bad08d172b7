"""The navigation menu: one list, filtered by what the signed-in user may do."""

from __future__ import annotations

from dataclasses import dataclass

from vinhdanh.accounts.enums import Capability


@dataclass(frozen=True)
class NavItem:
    section: str
    label: str
    url_name: str
    capability: str
    # Kinds of the work inbox counted next to the item (inbox.enums.WorkKind values); the
    # counts arrive by htmx from inbox:counts, so no page pays for them.
    badge: tuple[str, ...] = ()


NAV_ITEMS: list[NavItem] = [
    NavItem("Tổ chức", "Đơn vị", "orgs:unit_list", Capability.VIEW),
    NavItem("Tổ chức", "Cá nhân", "orgs:person_list", Capability.VIEW),
    NavItem("Tổ chức", "Nhập đơn vị, cá nhân", "imports:start_orgs", Capability.IMPORT),
    NavItem("Sổ thi đua, khen thưởng", "Tra cứu sổ", "registry:entry_list", Capability.VIEW),
    NavItem(
        "Sổ thi đua, khen thưởng", "Nhập sổ thi đua", "imports:start_register", Capability.IMPORT
    ),
    NavItem("Tiêu chuẩn khen thưởng", "Danh sách đến hạn", "rules:candidates", Capability.VIEW),
    NavItem("Tiêu chuẩn khen thưởng", "Quy tắc và căn cứ", "rules:rule_list", Capability.VIEW),
    NavItem("Thi đua", "Phong trào thi đua", "emulation:movement_list", Capability.VIEW),
    NavItem(
        "Thi đua",
        "Khối, cụm thi đua",
        "emulation:bloc_list",
        Capability.VIEW,
        badge=("scoring", "acclaim", "registration"),
    ),
    NavItem("Thi đua", "Sổ số văn bản", "emulation:number_book", Capability.MANAGE_EMULATION),
    NavItem(
        "Khen thưởng", "Hồ sơ đề nghị", "nominations:dossier_list", Capability.VIEW, ("dossier",)
    ),
    NavItem("Khen thưởng", "Hội đồng TĐKT", "council:council_list", Capability.VIEW),
    NavItem(
        "Khen thưởng",
        "Phiếu biểu quyết",
        "council:my_ballots",
        Capability.COUNCIL_VOTE,
        ("ballot",),
    ),
    NavItem("Khen thưởng", "Quyết định", "decisions:decision_list", Capability.VIEW, ("decision",)),
    NavItem("Khen thưởng", "Gương điển hình", "portal:story_manage", Capability.MANAGE_NOMINATIONS),
    NavItem(
        "Khen thưởng",
        "Công khai, góp ý",
        "nominations:comment_moderation",
        Capability.MANAGE_NOMINATIONS,
        ("comment",),
    ),
    NavItem("Báo cáo", "Biểu đồ tổng hợp", "reports:dashboard", Capability.VIEW),
    NavItem("Báo cáo", "Biểu thống kê", "reports:index", Capability.VIEW),
    NavItem("Báo cáo", "Quỹ khen thưởng", "reports:fund_ledger", Capability.VIEW),
    NavItem("Danh mục", "Danh mục", "catalogue:index", Capability.VIEW),
    NavItem("Quản trị", "Tài khoản", "accounts:user_list", Capability.MANAGE_USERS),
    NavItem("Quản trị", "Nhật ký", "core:audit_list", Capability.VIEW_AUDIT),
]
