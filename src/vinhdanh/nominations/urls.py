"""URLs of the nominations app (filled by its views)."""

app_name = "nominations"

urlpatterns: list = []


# --- Publicity and public comments (portal helper's block: views_publicity.py; keep at the end) ---
from django.urls import path  # noqa: E402, F811

from . import views_publicity  # noqa: E402

urlpatterns += [
    path("<int:pk>/cong-khai/", views_publicity.publicity, name="publicity"),
    path("<int:pk>/cong-khai/ket-thuc/", views_publicity.publicity_stop, name="publicity_stop"),
    path("gop-y/", views_publicity.comment_moderation, name="comment_moderation"),
    path("gop-y/<int:pk>/", views_publicity.comment_moderate, name="comment_moderate"),
]
