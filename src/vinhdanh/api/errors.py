"""Structured JSON errors with Vietnamese messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, ValidationError

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


def install_error_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):
        errors = [
            {
                "field": _field_name(e.get("loc", ())),
                "message": _PYDANTIC_MESSAGES.get(e.get("type", ""), "Giá trị không hợp lệ."),
                "code": e.get("type", "invalid"),
            }
            for e in exc.errors
        ]
        return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)

    @api.exception_handler(DjangoValidationError)
    def _django_validation(request, exc: DjangoValidationError):
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": str(m), "code": "invalid"}
                for field, msgs in exc.message_dict.items()
                for m in msgs
            ]
        else:
            errors = [{"field": "__all__", "message": str(m), "code": "invalid"} for m in exc.messages]
        return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return api.create_response(request, {"detail": "Không tìm thấy hoặc bạn không có quyền truy cập."}, status=404)

    @api.exception_handler(AuthenticationError)
    def _unauth(request, exc):
        return api.create_response(request, {"detail": "Cần đăng nhập hoặc mã truy cập API hợp lệ."}, status=401)
