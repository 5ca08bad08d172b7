"""URLs of the decisions app (filled by its views)."""

app_name = "decisions"

urlpatterns: list = []
