from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:section>/them/", views.entry_create, name="create"),
    path("<slug:section>/<str:pk>/sua/", views.entry_edit, name="edit"),
    path("<slug:section>/<str:pk>/xoa/", views.entry_delete, name="delete"),
]
