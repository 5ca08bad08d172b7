"""URLs of the portal app (filled by its views)."""

app_name = "portal"

urlpatterns: list = []
