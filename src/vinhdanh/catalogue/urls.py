from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("tham-so-theo-thoi-gian/", views.parameters_by_date, name="parameters_by_date"),
    path("can-cu-phap-ly/", views.legal_texts, name="legal_texts"),
    path("<slug:section>/them/", views.entry_create, name="create"),
    path("<slug:section>/<str:pk>/sua/", views.entry_edit, name="edit"),
    path("<slug:section>/<str:pk>/xoa/", views.entry_delete, name="delete"),
]
