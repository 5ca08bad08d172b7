from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request.user, AuditAction.LOGIN, self.request.user, note="Đăng nhập")
        return response


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request.user, AuditAction.SECURITY, self.request.user, note="Đổi mật khẩu")
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response
