from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("ca-nhan/<int:pk>/", views.person_profile, name="person_profile"),
    path("tap-the/<int:pk>/", views.unit_profile, name="unit_profile"),
]
