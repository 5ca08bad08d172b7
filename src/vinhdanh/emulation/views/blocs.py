"""Views of the emulation cycle: blocs. Each module lists its own urlpatterns."""

urlpatterns: list = []
