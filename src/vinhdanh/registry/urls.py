from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("ca-nhan/<int:pk>/", views.person_profile, name="person_profile"),
    path("tap-the/<int:pk>/", views.unit_profile, name="unit_profile"),
    path("<str:subject_type>/<int:pk>/them/<str:kind>/", views.entry_add, name="entry_add"),
    path("<str:subject_type>/<int:pk>/xem-xet/", views.pending_review, name="pending_review"),
    path("muc/<str:kind>/<int:pk>/sua/", views.entry_edit, name="entry_edit"),
    path("muc/<str:kind>/<int:pk>/xoa/", views.entry_delete, name="entry_delete"),
]
