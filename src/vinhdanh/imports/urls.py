from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("don-vi-ca-nhan/", views.start, {"group": "orgs"}, name="start_orgs"),
    path("so-thi-dua/", views.start, {"group": "register"}, name="start_register"),
    path("mau/<slug:kind>/", views.template_download, name="template"),
    path("lan-nhap/", views.job_list, name="job_list"),
    path("lan-nhap/<int:pk>/", views.job_detail, name="job_detail"),
    path("lan-nhap/<int:pk>/tien-do/", views.job_progress, name="job_progress"),
    path("lan-nhap/<int:pk>/xac-nhan/", views.job_confirm, name="job_confirm"),
    path("lan-nhap/<int:pk>/huy/", views.job_cancel, name="job_cancel"),
    path("lan-nhap/<int:pk>/chay-lai/", views.job_retry, name="job_retry"),
]
