"""The REST API at /api/v1, its OpenAPI spec at /api/openapi.json and docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from .auth import api_auth
from .errors import install_error_handlers

api = NinjaAPI(
    title="VinhDanh API",
    version="1",
    description="API của hệ thống quản lý thi đua, khen thưởng VinhDanh",
    auth=api_auth,
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
)
install_error_handlers(api)

from . import routers  # noqa: E402,F401  (registers the domain routers on ``api``)
