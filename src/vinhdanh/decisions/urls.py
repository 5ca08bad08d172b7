"""URLs of the decisions app (mounted at /quyet-dinh/)."""

from django.urls import path

from . import views, views_certificates, views_external

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="decision_list"),
    path("them/", views.decision_create, name="decision_create"),
    path("ghi-nhan/", views_external.external_create, name="external_create"),
    path("<int:pk>/ghi-nhan/sua/", views_external.external_edit, name="external_edit"),
    path("<int:pk>/ghi-nhan/ghi-so/", views_external.external_confirm, name="external_confirm"),
    path("<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("<int:pk>/them-dong/", views.line_add, name="line_add"),
    path("<int:pk>/bo-dong/<int:line_pk>/", views.line_remove, name="line_remove"),
    path("<int:pk>/dong/<int:line_pk>/van-khen/", views.line_override, name="line_override"),
    path("<int:pk>/ban-hanh/", views.decision_issue, name="decision_issue"),
    path("<int:pk>/cong-khai/", views.decision_publish, name="decision_publish"),
    path("<int:pk>/go-cong-khai/", views.decision_withdraw, name="decision_withdraw"),
    path("<int:pk>/tai/<str:kind>/", views.document_download, name="document_download"),
    path("<int:pk>/huy-bo/", views.decision_revoke, name="decision_revoke"),
    path("<int:pk>/cap-bang/", views_certificates.certificates_issue, name="certificates_issue"),
    path("<int:pk>/bang-khen.pdf", views_certificates.certificates_pdf, name="certificates_pdf"),
    path(
        "<int:pk>/in-phoi/<int:blank_pk>/",
        views_certificates.certificates_blank_pdf,
        name="certificates_blank_pdf",
    ),
    path("phoi/", views_certificates.blank_list, name="blank_list"),
    path("phoi/them/", views_certificates.blank_edit, name="blank_create"),
    path("phoi/<int:pk>/sua/", views_certificates.blank_edit, name="blank_edit"),
    path("phoi/<int:pk>/in-thu.pdf", views_certificates.blank_preview, name="blank_preview"),
]
