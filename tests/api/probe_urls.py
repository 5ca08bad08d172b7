"""A URLconf for API tests: the real URLs plus a small probe API using the real auth and errors.

The production API has no endpoint that exists only to change data harmlessly, so the CSRF and
error-format behaviour of ``vinhdanh.api.auth`` / ``vinhdanh.api.errors`` is exercised here on
a throwaway NinjaAPI built from exactly the same pieces.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from ninja import NinjaAPI, Schema

from vinhdanh.api.auth import api_auth
from vinhdanh.api.errors import install_error_handlers
from vinhdanh.urls import urlpatterns as base_urlpatterns

probe = NinjaAPI(title="probe", auth=api_auth, urls_namespace="api_probe", docs_url=None)
install_error_handlers(probe)


class EchoIn(Schema):
    name: str
    year: int


@probe.post("/echo")
def echo(request, payload: EchoIn):
    return {"user": request.auth.username, "name": payload.name, "year": payload.year}


@probe.get("/forbidden")
def forbidden(request):
    raise PermissionDenied


@probe.get("/forbidden-vn")
def forbidden_vn(request):
    raise PermissionDenied("Chỉ cán bộ thi đua mới được xem mục này.")


@probe.get("/missing")
def missing(request):
    raise Http404


@probe.get("/invalid")
def invalid(request):
    raise DjangoValidationError({"year": ["Năm phải từ 1945 trở đi."]})


urlpatterns = [*base_urlpatterns, path("probe/", probe.urls)]
