"""Views of the emulation cycle: registrations. Each module lists its own urlpatterns."""

urlpatterns: list = []
