"""Views of the emulation cycle: meetings. Each module lists its own urlpatterns."""

urlpatterns: list = []
