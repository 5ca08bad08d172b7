"""Request size cap, applied before Django reads the body.

Django reads a multipart body as it parses it (files stream to a temporary file beyond
FILE_UPLOAD_MAX_MEMORY_SIZE, and DATA_UPLOAD_MAX_MEMORY_SIZE only counts the non-file fields),
so a 100 MB upload would be read whole before any view could refuse it. This middleware answers
413 from the declared Content-Length alone: the body is never read. Under WSGI a body without
Content-Length is read as empty, so the header is the whole story.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.functional import empty

from vinhdanh.core.logging import request_id_var

request_logger = logging.getLogger("vinhdanh.request")

# A client's or proxy's X-Request-ID is kept when it looks like an id (nginx's $request_id,
# a UUID…); anything else (too long, spaces, markup) is replaced by a fresh one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")


class RequestLogMiddleware:
    """One log line per request (method, path, status, duration in ms, request id, user id) on
    the "vinhdanh.request" logger; the id is taken from X-Request-ID when valid, else made
    here, returned in the response's X-Request-ID and attached to every record logged while the
    request is served (core.logging) — Django's own "Internal Server Error" record included.
    The query string is not logged (it may carry tokens)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            duration_ms = round((time.perf_counter() - start) * 1000, 1)
            # The user only if something already loaded it: no session query for this line.
            user = getattr(request, "user", None)
            if getattr(user, "_wrapped", None) is empty:
                user = None
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            request_logger.log(
                level,
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": getattr(user, "pk", None) if user is not None else None,
                },
            )
            return response
        finally:
            request_id_var.reset(token)


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
