from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse

from vinhdanh.api.urls import api


def _admin_login(request, extra_context=None):
    """Django's admin signs in through the product's login (password, then the second factor),
    never through its own password-only form."""
    if request.user.is_authenticated:
        raise PermissionDenied  # signed in but not staff: no loop back to the login page
    return redirect_to_login(
        request.GET.get("next") or "/quan-tri-he-thong/", reverse("accounts:login")
    )


admin.site.login = _admin_login

urlpatterns = [
    path("", include("vinhdanh.core.urls")),
    path("tai-khoan/", include("vinhdanh.accounts.urls")),
    path("to-chuc/", include("vinhdanh.orgs.urls")),
    path("danh-muc/", include("vinhdanh.catalogue.urls")),
    path("so/", include("vinhdanh.registry.urls")),
    path("thi-dua/", include("vinhdanh.emulation.urls")),
    path("ho-so/", include("vinhdanh.nominations.urls")),
    path("hoi-dong/", include("vinhdanh.council.urls")),
    path("quyet-dinh/", include("vinhdanh.decisions.urls")),
    path("cong-khai/", include("vinhdanh.portal.urls")),
    path("nhap-excel/", include("vinhdanh.imports.urls")),
    path("tieu-chuan/", include("vinhdanh.rules.urls")),
    path("thong-ke/", include("vinhdanh.reports.urls")),
    path("", include("vinhdanh.inbox.urls")),
    path("api/", api.urls),
    path("quan-tri-he-thong/", admin.site.urls),
]
