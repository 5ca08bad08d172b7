"""URLs of the nominations app (filled by its views)."""

app_name = "nominations"

urlpatterns: list = []
