from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from vinhdanh.accounts.permissions import capabilities

from .nav import NAV_ITEMS


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": []}
    caps = capabilities(user)
    sections: dict[str, list[dict]] = {}
    current = request.path
    for item in NAV_ITEMS:
        if item.capability not in caps:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        sections.setdefault(item.section, []).append(
            {
                "label": item.label,
                "url": url,
                "active": current.startswith(url) and url != "/",
                "badge": "-".join(item.badge),
            }
        )
    return {"nav_sections": list(sections.items()), "user_capabilities": caps}


def csp_nonce(request):
    """The request's Content-Security-Policy nonce under the name django-htmx reads, so
    ``{% htmx_script %}`` and any inline ``<script nonce="{{ csp_nonce }}">`` carry it."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
