"""Views of the emulation cycle: reviews. Each module lists its own urlpatterns."""

urlpatterns: list = []
