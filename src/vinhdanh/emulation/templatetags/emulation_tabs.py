"""The tab bar of a bloc's pages: one tab per area whose page exists."""

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()

BLOC_TABS = [
    ("emulation:bloc_detail", "Tổng quan, thành viên"),
    ("emulation:bloc_documents", "Văn bản"),
    ("emulation:meeting_list", "Hội nghị"),
    ("emulation:covenant", "Giao ước"),
    ("emulation:registration_list", "Đăng ký thi đua"),
    ("emulation:scoring", "Chấm điểm, xếp hạng"),
    ("emulation:acclaim", "Bình xét, suy tôn"),
    ("emulation:review_list", "Sơ kết, tổng kết"),
]


@register.inclusion_tag("emulation/_bloc_tabs.html", takes_context=True)
def bloc_tabs(context, bloc):
    current = context["request"].path
    tabs = []
    for name, label in BLOC_TABS:
        try:
            url = reverse(name, args=[bloc.pk])
        except NoReverseMatch:
            continue
        tabs.append(
            {
                "url": url,
                "label": label,
                "active": current == url
                or (current.startswith(url) and name != "emulation:bloc_detail"),
            }
        )
    return {"tabs": tabs}
