"""The one pagination every API list uses: page and page size bounded, 422 beyond.

Ninja's PageNumberPagination accepts any positive page, so page=10**30 reached the database as
an OFFSET no integer column holds (a 500 on both databases). Here both numbers carry bounds in
the schema: a request beyond them fails validation (HTTP 422, Vietnamese message naming the
bound, see api/errors.py) before any query runs. A page past the last one is simply empty.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50


class BoundedPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Số trang, từ 1 đến {MAX_PAGE}")
        page_size: int | None = Field(
            None,
            ge=1,
            le=MAX_PAGE_SIZE,
            description=f"Số dòng mỗi trang, từ 1 đến {MAX_PAGE_SIZE} (mặc định {DEFAULT_PAGE_SIZE})",
        )

    def __init__(self, page_size: int = DEFAULT_PAGE_SIZE, **kwargs):
        super().__init__(page_size=page_size, max_page_size=MAX_PAGE_SIZE, **kwargs)
