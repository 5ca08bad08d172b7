"""Views of the emulation cycle: covenants. Each module lists its own urlpatterns."""

urlpatterns: list = []
