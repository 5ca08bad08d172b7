from django.urls import path

from . import views

app_name = "inbox"

urlpatterns = [
    path("viec-can-xu-ly/", views.work, name="work"),
    path("viec-can-xu-ly/dem/", views.counts, name="counts"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
    path("thong-bao/da-doc-tat-ca/", views.notifications_read_all, name="read_all"),
    path("thong-bao/tuy-chon/", views.preferences, name="preferences"),
    path("tro-giup/", views.help_page, name="help"),
    path("gop-y-phan-mem/", views.feedback, name="feedback"),
    path("gop-y-phan-mem/danh-sach/", views.feedback_list, name="feedback_list"),
]
