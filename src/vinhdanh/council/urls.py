"""URLs of the council app (filled by its views)."""

app_name = "council"

urlpatterns: list = []
