from django.contrib import admin
from django.urls import include, path

from vinhdanh.api.urls import api

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
    path("api/", api.urls),
    path("quan-tri-he-thong/", admin.site.urls),
]
