from django.urls import path

from . import people_views, views

app_name = "orgs"

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/them/", views.unit_create, name="unit_create"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/ngung-hoat-dong/", views.unit_close, name="unit_close"),
    path("don-vi/<int:pk>/mo-lai/", views.unit_reopen, name="unit_reopen"),
    path("don-vi/<int:pk>/qua-trinh-cong-tac/", views.unit_memberships, name="unit_memberships"),
    path("xa-phuong/", views.ward_options, name="ward_options"),
    path("ca-nhan/", people_views.person_list, name="person_list"),
    path("ca-nhan/them/", people_views.person_create, name="person_create"),
    path("ca-nhan/<int:pk>/sua/", people_views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/chuyen-cong-tac/", people_views.person_move, name="person_move"),
    path(
        "ca-nhan/<int:pk>/qua-trinh-cong-tac/",
        people_views.person_memberships,
        name="person_memberships",
    ),
]
