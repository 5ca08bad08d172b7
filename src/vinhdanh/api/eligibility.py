"""POST /api/v1/eligibility/check: the what-if contract (same JSON as the command line)."""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from ninja import Router

from vinhdanh.rules.core import ContractError
from vinhdanh.rules.whatif import check as whatif_check

router = Router(tags=["Điều kiện khen thưởng"])


def _error(field: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"detail": message, "errors": [{"field": field, "message": message, "code": "invalid"}]},
        status=422,
        json_dumps_params={"ensure_ascii": False},
    )


@router.post(
    "/check",
    summary="Xét điều kiện khen thưởng giả định",
    description=(
        "Nhận một yêu cầu (hoặc danh sách yêu cầu) theo hợp đồng JSON của lệnh "
        "`eligibility_check`; trả về kết quả (hoặc danh sách kết quả) với từng tiêu chí và căn cứ."
    ),
    openapi_extra={
        "requestBody": {"content": {"application/json": {"schema": {}}}, "required": True}
    },
)
def check(request: HttpRequest):
    try:
        payload = json.loads(request.body.decode("utf-8-sig") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _error("", f"JSON không hợp lệ: {exc}")
    try:
        result = whatif_check(payload)
    except ContractError as exc:
        return _error(exc.field, exc.message)
    except RecursionError:
        return _error("", "JSON lồng nhau quá sâu")
    return JsonResponse(result, safe=False, json_dumps_params={"ensure_ascii": False})
