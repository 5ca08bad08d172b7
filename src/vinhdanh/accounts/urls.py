from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/", login_required(views.PasswordChangeView.as_view()), name="password_change"
    ),
    path("ma-truy-cap-api/", views.tokens, name="tokens"),
    path("ma-truy-cap-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/tao/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:pk>/vo-hieu-hoa/", views.user_deactivate, name="user_deactivate"),
    path("nguoi-dung/<int:pk>/kich-hoat/", views.user_reactivate, name="user_reactivate"),
    path("nguoi-dung/<int:pk>/mo-khoa/", views.user_unlock, name="user_unlock"),
    path("nguoi-dung/<int:pk>/phan-quyen/", views.role_grant, name="role_grant"),
    path("phan-quyen/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("phan-quyen/<int:pk>/chuc-vu-ky/", views.signing_capacity, name="signing_capacity"),
]
