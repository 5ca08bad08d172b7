"""Views of the emulation cycle: scoring. Each module lists its own urlpatterns."""

urlpatterns: list = []
