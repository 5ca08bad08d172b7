from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vinhdanh.core import audit
from vinhdanh.core.listing import paginate
from vinhdanh.core.models import AuditAction

from . import selectors, services
from .forms import (
    LoginForm,
    RoleGrantForm,
    SigningCapacityForm,
    TokenCreateForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
    VnPasswordChangeForm,
)
from .services import AccountsError


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
    form_class = VnPasswordChangeForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(
            self.request.user, AuditAction.SECURITY, self.request.user, note="Đổi mật khẩu"
        )
        messages.success(self.request, "Đã đổi mật khẩu.")
        return response


# --- user management ---------------------------------------------------------------------


def _require_manager(request) -> None:
    if not selectors.can_manage_users(request.user):
        raise Http404(selectors.NOT_FOUND)


def _confirm(request, *, title, question, button, cancel_url, danger=True, error="", facts=None):
    return render(
        request,
        "accounts/confirm.html",
        {
            "title": title,
            "question": question,
            "button": button,
            "cancel_url": cancel_url,
            "danger": danger,
            "error": error,
            "facts": facts or [],
        },
    )


@login_required
def user_list(request):
    _require_manager(request)
    units = selectors.manageable_units(request.user)
    form = UserFilterForm(request.GET or None, units=units)
    f = {}
    if form.is_bound:
        form.is_valid()  # cleaned_data keeps the valid filters even if one (a unit outside scope) is not
        f = form.cleaned_data
    qs = selectors.user_list(
        request.user, q=f.get("q") or "", role=f.get("role") or "", unit=f.get("unit")
    )
    page = paginate(qs, request)
    return render(request, "accounts/user_list.html", {"page": page, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    _require_manager(request)
    units = selectors.manageable_units(request.user)
    root = selectors.is_root_manager(request.user)
    form = UserCreateForm(request.POST or None, units=units, role_required=not root)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            user = services.user_create(
                request.user,
                username=d["username"],
                full_name=d["full_name"],
                email=d["email"],
                password=d["password"],
                role=d.get("role") or "",
                unit=d.get("unit"),
            )
        except (AccountsError, ValidationError) as exc:
            form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, f"Đã tạo tài khoản {user.username}.")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": "Tạo tài khoản"})


@login_required
def user_detail(request, pk):
    _require_manager(request)
    target = selectors.get_manageable_user_or_404(request.user, pk)
    grants = target.role_grants.select_related("unit").order_by("unit__path", "role")
    form = RoleGrantForm(units=selectors.manageable_units(request.user))
    return render(
        request,
        "accounts/user_detail.html",
        {"target": target, "grants": grants, "grant_form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    _require_manager(request)
    target = selectors.get_manageable_user_or_404(request.user, pk)
    form = UserEditForm(
        request.POST or None, initial={"full_name": target.full_name, "email": target.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(request.user, target, **form.cleaned_data)
        except AccountsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã lưu thông tin tài khoản.")
            return redirect("accounts:user_detail", pk=target.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form, "title": f"Sửa tài khoản {target.username}", "target": target},
    )


def _user_action(
    request, pk, *, service, title, question, button, done, danger=True, precheck=None
):
    _require_manager(request)
    target = selectors.get_manageable_user_or_404(request.user, pk)
    cancel = reverse("accounts:user_detail", args=[target.pk])
    error = precheck(request.user, target) if precheck else ""
    if request.method == "POST" and not error:
        try:
            service(request.user, target)
        except AccountsError as exc:
            error = str(exc)
        else:
            messages.success(request, done.format(user=target.username))
            return redirect(cancel)
    facts = [("Tên đăng nhập", target.username), ("Họ và tên", target.full_name)]
    return _confirm(
        request,
        title=title,
        question=question.format(user=target),
        button=button,
        cancel_url=cancel,
        danger=danger,
        error=error,
        facts=facts,
    )


def _self_check(actor, target) -> str:
    return "Bạn không thể tự vô hiệu hóa tài khoản của chính mình." if actor.pk == target.pk else ""


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request, pk):
    return _user_action(
        request,
        pk,
        service=services.user_deactivate,
        title="Vô hiệu hóa tài khoản",
        question="Vô hiệu hóa tài khoản {user}? Người này sẽ không đăng nhập và không dùng được mã truy cập API cho đến khi được kích hoạt lại.",
        button="Vô hiệu hóa",
        done="Đã vô hiệu hóa tài khoản {user}.",
        precheck=_self_check,
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_reactivate(request, pk):
    return _user_action(
        request,
        pk,
        service=services.user_reactivate,
        title="Kích hoạt lại tài khoản",
        question="Kích hoạt lại tài khoản {user}?",
        button="Kích hoạt lại",
        done="Đã kích hoạt lại tài khoản {user}.",
        danger=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_unlock(request, pk):
    return _user_action(
        request,
        pk,
        service=services.user_unlock,
        title="Mở khóa đăng nhập",
        question="Mở khóa đăng nhập cho {user} (xóa số lần đăng nhập sai)?",
        button="Mở khóa",
        done="Đã mở khóa đăng nhập cho {user}.",
        danger=False,
    )


@login_required
@require_POST
def role_grant(request, pk):
    _require_manager(request)
    target = selectors.get_manageable_user_or_404(request.user, pk)
    form = RoleGrantForm(request.POST, units=selectors.manageable_units(request.user))
    if form.is_valid():
        try:
            services.role_grant(
                request.user, target, role=form.cleaned_data["role"], unit=form.cleaned_data["unit"]
            )
        except AccountsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã phân quyền cho {target.username}.")
            return redirect("accounts:user_detail", pk=target.pk)
    grants = target.role_grants.select_related("unit").order_by("unit__path", "role")
    return render(
        request,
        "accounts/user_detail.html",
        {"target": target, "grants": grants, "grant_form": form},
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_revoke(request, pk):
    _require_manager(request)
    grant = selectors.get_manageable_grant_or_404(request.user, pk)
    cancel = reverse("accounts:user_detail", args=[grant.user_id])
    error = ""
    if request.method == "POST":
        try:
            services.role_revoke(request.user, grant)
        except AccountsError as exc:
            error = str(exc)
        else:
            messages.success(
                request, f"Đã thu hồi vai trò {grant.get_role_display()} của {grant.user.username}."
            )
            return redirect(cancel)
    return _confirm(
        request,
        title="Thu hồi vai trò",
        question=f"Thu hồi vai trò “{grant.get_role_display()}” tại {grant.unit} của {grant.user}?",
        button="Thu hồi",
        cancel_url=cancel,
        error=error,
        facts=[
            ("Tài khoản", grant.user.username),
            ("Vai trò", grant.get_role_display()),
            ("Đơn vị", grant.unit.name),
        ],
    )


@login_required
@require_http_methods(["GET", "POST"])
def signing_capacity(request, pk):
    """Record how the holder of a signer grant signs (the 7a lines of their signature block)."""
    _require_manager(request)
    grant = selectors.get_manageable_grant_or_404(request.user, pk)
    form = SigningCapacityForm(
        request.POST or None,
        initial={
            "mode": grant.sign_mode or "head",
            "position": grant.sign_position,
            "head_title": grant.sign_head_title,
            "collective": grant.sign_collective,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signing_capacity_set(request.user, grant, **form.cleaned_data)
        except AccountsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã ghi chức vụ ký của {grant.user.username}.")
            return redirect("accounts:user_detail", pk=grant.user_id)
    preview = []
    if grant.can_sign:
        try:
            preview = grant.signature_lines()
        except ValueError:
            preview = []
    return render(
        request,
        "accounts/signing_capacity.html",
        {"form": form, "grant": grant, "preview": preview},
        status=400 if form.errors else 200,
    )


# --- personal API tokens -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.token_create(request.user, name=form.cleaned_data["name"])
        except AccountsError as exc:
            form.add_error(None, str(exc))
        else:
            # The raw value lives only in this response; it is never stored or shown again.
            response = render(request, "accounts/token_created.html", {"token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": selectors.tokens_for(request.user), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk):
    token = selectors.get_own_token_or_404(request.user, pk)
    cancel = reverse("accounts:tokens")
    error = ""
    if request.method == "POST":
        try:
            services.token_revoke(request.user, token)
        except AccountsError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Đã thu hồi mã truy cập “{token.name}”.")
            return redirect(cancel)
    return _confirm(
        request,
        title="Thu hồi mã truy cập API",
        question=f"Thu hồi mã truy cập “{token.name}”? Các chương trình đang dùng mã này sẽ bị từ chối ngay.",
        button="Thu hồi",
        cancel_url=cancel,
        error=error,
        facts=[("Tên gợi nhớ", token.name), ("Tiền tố", f"{token.prefix}…")],
    )
