"""URLs of the emulation cycle, one list per area (views/<area>.py)."""

from .views import acclaim, blocs, covenants, meetings, movements, registrations, reviews, scoring

app_name = "emulation"

urlpatterns = [
    *movements.urlpatterns,
    *blocs.urlpatterns,
    *meetings.urlpatterns,
    *covenants.urlpatterns,
    *registrations.urlpatterns,
    *scoring.urlpatterns,
    *acclaim.urlpatterns,
    *reviews.urlpatterns,
]
