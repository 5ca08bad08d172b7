"""Sign-in second step: TOTP code or recovery code, and enrolment with a QR code.

After the password, LoginView keeps only the user's id in the anonymous session (PENDING, for
five minutes); the account is signed in here once the second factor is proved. Without a
pending sign-in these pages send the visitor to the login page.
"""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from vinhdanh.core import audit
from vinhdanh.core.models import AuditAction

from . import twofactor
from .backends import AccountLocked, register_failure

PENDING = "vd_2fa_pending"
PENDING_SECONDS = 300
WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới đang hiển thị trong ứng dụng."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        help_text="6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục (XXXX-XXXX-XXXX-XXXX).",
        error_messages={"required": "Hãy nhập mã xác thực."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def start(request, user, next_url: str):
    """Called by LoginView after a right password for an account that needs a second step."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": int(time.time()),
    }
    if twofactor.is_enrolled(user):
        return redirect("accounts:two_factor")
    return redirect("accounts:two_factor_setup")


def _pending(request):
    data = request.session.get(PENDING)
    if not data or time.time() - data.get("at", 0) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
    return user, data


def _to_login(request):
    messages.error(request, "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.")
    return redirect("accounts:login")


def _locked(user) -> str:
    if user.locked_until and user.locked_until > timezone.now():
        return str(AccountLocked(user.locked_until))
    return ""


def _throttled(form, user, device=None) -> bool:
    """django-otp waits 1, 2, 4… seconds after each wrong code; say so rather than "wrong"."""
    device = device or twofactor.totp_device(user)
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    if allowed:
        return False
    required = device.get_throttle_factor() * 2 ** (device.throttling_failure_count - 1)
    waited = (timezone.now() - device.throttling_failure_timestamp).total_seconds()
    wait = max(1, int(required - waited + 0.999))
    form.add_error("code", f"Bạn vừa nhập sai mã; hãy đợi {wait} giây rồi nhập mã mới.")
    return True


def _finish(request, user, data, device) -> str:
    auth_login(request, user, backend=data["backend"])
    otp_login(request, device)
    request.session.pop(PENDING, None)
    audit.record(user, AuditAction.LOGIN, user, note="Đăng nhập (xác thực hai bước)")
    return data["next"]


@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    user, data = _pending(request)
    if user is None:
        return _to_login(request)
    if not twofactor.is_enrolled(user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        locked = _locked(user)
        if locked:
            request.session.pop(PENDING, None)
            messages.error(request, locked)
            return redirect("accounts:login")
        if not _throttled(form, user):
            device = twofactor.verify(user, form.cleaned_data["code"])
            if device is not None:
                return redirect(_finish(request, user, data, device))
            register_failure(user)
            form.add_error("code", WRONG_CODE)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "target": user})


@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Enrolment: at sign-in when required, or from the menu for anyone signed in."""
    data = None
    if request.user.is_authenticated:
        user = request.user
    else:
        user, data = _pending(request)
        if user is None:
            return _to_login(request)
    if twofactor.is_enrolled(user) and data is None:
        return render(
            request,
            "accounts/two_factor_status.html",
            {"remaining": twofactor.remaining_recovery_codes(user)},
        )
    device = twofactor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _throttled(form, user, device):
        codes = twofactor.confirm_enrolment(user, device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            if data is not None:
                next_url = _finish(request, user, data, device)
            else:
                otp_login(request, device)
                next_url = reverse("core:home")
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url}
            )
        register_failure(user)
        form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_svg(device),
            "secret": twofactor.secret_b32(device),
            "required": twofactor.is_required(user),
            "pending": data is not None,
        },
    )


@require_http_methods(["POST"])
def two_factor_new_codes(request):
    """A signed-in, enrolled user replaces their recovery codes (the old ones stop working)."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if not twofactor.is_enrolled(request.user):
        return redirect("accounts:two_factor_setup")
    codes = twofactor.new_recovery_codes(request.user)
    audit.record(request.user, AuditAction.SECURITY, request.user, note="Tạo lại mã khôi phục")
    return render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": reverse("core:home")}
    )
