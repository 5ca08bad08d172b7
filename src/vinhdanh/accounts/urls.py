from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views, views_twofactor

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/", login_required(views.PasswordChangeView.as_view()), name="password_change"
    ),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("xac-thuc-hai-buoc/", views_twofactor.two_factor_verify, name="two_factor"),
    path(
        "xac-thuc-hai-buoc/cai-dat/",
        views_twofactor.two_factor_setup,
        name="two_factor_setup",
    ),
    path(
        "xac-thuc-hai-buoc/ma-khoi-phuc/",
        views_twofactor.two_factor_new_codes,
        name="two_factor_new_codes",
    ),
    path(
        "nguoi-dung/<int:pk>/xac-thuc-hai-buoc/dat-lai/",
        views.user_two_factor_reset,
        name="user_two_factor_reset",
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
    path(
        "nguoi-dung/<int:pk>/dat-lai-mat-khau/",
        views.user_password_reset,
        name="user_password_reset",
    ),
    path("nguoi-dung/<int:pk>/phan-quyen/", views.role_grant, name="role_grant"),
    path("phan-quyen/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("phan-quyen/<int:pk>/chuc-vu-ky/", views.signing_capacity, name="signing_capacity"),
]
