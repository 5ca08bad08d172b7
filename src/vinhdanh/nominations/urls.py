"""URLs of the nominations app."""

from django.urls import path

from . import views
from . import views_attachments as att
from . import views_workflow as flow

app_name = "nominations"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("tao-moi/", views.dossier_create, name="dossier_create"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("<int:pk>/sua/", views.dossier_edit, name="dossier_edit"),
    path("<int:pk>/kiem-tra-lai/", views.verdicts_refresh, name="verdicts_refresh"),
    path("<int:pk>/doi-tuong/them/", views.nominee_add, name="nominee_add"),
    path("<int:pk>/doi-tuong/<int:nominee_pk>/sua/", views.nominee_edit, name="nominee_edit"),
    path("<int:pk>/doi-tuong/<int:nominee_pk>/xoa/", views.nominee_delete, name="nominee_delete"),
    path("<int:pk>/tai-lieu/them/", att.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/tai-lieu/<int:attachment_pk>/",
        att.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/tai-lieu/<int:attachment_pk>/thay/",
        att.attachment_replace,
        name="attachment_replace",
    ),
    path(
        "<int:pk>/tai-lieu/<int:attachment_pk>/xoa/",
        att.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "<int:pk>/doi-tuong/<int:nominee_pk>/bao-cao-thanh-tich/",
        att.achievement_report,
        name="achievement_report",
    ),
    path("<int:pk>/doi-tuong/nhap-excel/", att.nominee_import, name="nominee_import"),
    path("<int:pk>/thao-tac/<slug:slug>/", flow.dossier_action, name="dossier_action"),
    path(
        "<int:pk>/doi-tuong/<int:nominee_pk>/ket-qua/", flow.nominee_outcome, name="nominee_outcome"
    ),
]


# --- Publicity and public comments (portal helper's block: views_publicity.py; keep at the end) ---
from django.urls import path  # noqa: E402, F811

from . import views_publicity  # noqa: E402

urlpatterns += [
    path("<int:pk>/cong-khai/", views_publicity.publicity, name="publicity"),
    path("<int:pk>/cong-khai/ket-thuc/", views_publicity.publicity_stop, name="publicity_stop"),
    path("gop-y/", views_publicity.comment_moderation, name="comment_moderation"),
    path("gop-y/<int:pk>/", views_publicity.comment_moderate, name="comment_moderate"),
]


# --- Assignment to a specialist of the receiving office (inbox branch) ---
from . import views_assignment  # noqa: E402

urlpatterns += [
    path("<int:pk>/phan-cong/", views_assignment.dossier_assign_view, name="dossier_assign"),
]
