"""Structured JSON errors with Vietnamese messages.

Every error body has ``detail`` (a sentence a person can act on); validation errors add
``errors: [{"field", "message", "code"}]``.

    401  no credentials, unknown/revoked token, or a deactivated account
    403  PermissionDenied raised by a service, or a session write without a CSRF token
    404  Http404: absent or outside the caller's scope (the two are not distinguished)
    422  request data that fails the schema, or a Django ValidationError from a service
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

MSG_401 = "Cần đăng nhập hoặc mã truy cập API hợp lệ."
MSG_403 = "Bạn không có quyền thực hiện thao tác này."
MSG_403_CSRF = "Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang rồi thử lại, hoặc dùng mã truy cập API."
MSG_404 = "Không tìm thấy hoặc bạn không có quyền truy cập."
MSG_422 = "Dữ liệu không hợp lệ."

_STATUS_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: MSG_401,
    403: MSG_403,
    404: MSG_404,
    405: "Phương thức không được hỗ trợ.",
    409: "Dữ liệu đã thay đổi hoặc bị trùng; hãy tải lại rồi thử lại.",
    422: MSG_422,
    429: "Quá nhiều yêu cầu; hãy thử lại sau ít phút.",
}


def _is_vietnamese(text: str) -> bool:
    """Messages written for users carry diacritics; library messages are plain English."""
    return any(ord(ch) > 127 for ch in text)


_PYDANTIC_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "string_type": "Phải là chuỗi ký tự.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "date_type": "Phải là ngày dạng YYYY-MM-DD.",
    "date_parsing": "Ngày không đúng định dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Ngày không đúng định dạng YYYY-MM-DD.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "string_too_long": "Chuỗi quá dài.",
    "string_too_short": "Chuỗi quá ngắn.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "json_invalid": "Nội dung không phải JSON hợp lệ.",
    "model_attributes_type": "Dữ liệu phải là một đối tượng JSON.",
    "dict_type": "Dữ liệu phải là một đối tượng JSON.",
    "list_type": "Phải là một danh sách.",
    "extra_forbidden": "Trường không được phép.",
}


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


def _message(error: dict) -> str:
    """The Vietnamese sentence for one pydantic error; bounds name the limit."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "greater_than_equal" and "ge" in ctx:
        return f"Giá trị quá nhỏ: tối thiểu là {ctx['ge']}."
    if kind == "less_than_equal" and "le" in ctx:
        return f"Giá trị quá lớn: tối đa là {ctx['le']}."
    return _PYDANTIC_MESSAGES.get(kind, "Giá trị không hợp lệ.")


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):
        errors = [
            {
                "field": _field_name(e.get("loc", ())),
                "message": _message(e),
                "code": e.get("type", "invalid"),
            }
            for e in exc.errors
        ]
        return api.create_response(request, {"detail": MSG_422, "errors": errors}, status=422)

    @api.exception_handler(DjangoValidationError)
    def _django_validation(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(m), "code": "invalid"}
                for field, msgs in exc.message_dict.items()
                for m in msgs
            ]
        else:
            errors = [
                {"field": "__all__", "message": str(m), "code": "invalid"} for m in exc.messages
            ]
        return api.create_response(request, {"detail": MSG_422, "errors": errors}, status=422)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return api.create_response(request, {"detail": MSG_404}, status=404)

    @api.exception_handler(AuthenticationError)
    def _unauth(request, exc):
        response = api.create_response(request, {"detail": MSG_401}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(AuthorizationError)
    def _forbidden_ninja(request, exc):
        return api.create_response(request, {"detail": MSG_403}, status=403)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc):
        message = str(exc)
        detail = message if message and _is_vietnamese(message) else MSG_403
        return api.create_response(request, {"detail": detail}, status=403)

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        message = str(exc.message) if getattr(exc, "message", None) else ""
        if exc.status_code == 403 and "csrf" in message.lower():
            detail = MSG_403_CSRF
        elif message and _is_vietnamese(message):
            detail = message
        else:
            detail = _STATUS_MESSAGES.get(exc.status_code, "Có lỗi khi xử lý yêu cầu.")
        return api.create_response(request, {"detail": detail}, status=exc.status_code)
