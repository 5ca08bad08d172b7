"""Views of the emulation cycle: acclaim. Each module lists its own urlpatterns."""

urlpatterns: list = []
