"""Views of the emulation cycle: movements. Each module lists its own urlpatterns."""

urlpatterns: list = []
