"""Request size cap, applied before Django reads the body.

Django reads a multipart body as it parses it (files stream to a temporary file beyond
FILE_UPLOAD_MAX_MEMORY_SIZE, and DATA_UPLOAD_MAX_MEMORY_SIZE only counts the non-file fields),
so a 100 MB upload would be read whole before any view could refuse it. This middleware answers
413 from the declared Content-Length alone: the body is never read. Under WSGI a body without
Content-Length is read as empty, so the header is the whole story.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse


def request_limit() -> int:
    return int(settings.REQUEST_MAX_BYTES)


def too_large_message(limit: int) -> str:
    return (
        f"Dữ liệu gửi lên quá lớn (tối đa {limit // (1024 * 1024)} MB). "
        "Hãy giảm dung lượng tệp hoặc chia thành nhiều tệp."
    )


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = request_limit()
        if length > limit:
            message = too_large_message(limit)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            response["Connection"] = "close"
            return response
        return self.get_response(request)
