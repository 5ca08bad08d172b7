"""URLs of the council app (/hoi-dong/)."""

from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("", views.council_list, name="council_list"),
    path("moi/", views.council_create, name="council_create"),
    path("<int:pk>/", views.council_detail, name="council_detail"),
    path("<int:pk>/sua/", views.council_edit, name="council_edit"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path(
        "<int:pk>/thanh-vien/<int:member_pk>/ket-thuc/",
        views.member_end_term,
        name="member_end_term",
    ),
]
