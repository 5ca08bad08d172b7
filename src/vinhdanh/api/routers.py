"""Mounts each domain's router under /api/v1."""

from .me import router as me_router  # noqa: E402
from .urls import api  # noqa: E402

api.add_router("/v1/me", me_router)

from .orgs import people_router, units_router  # noqa: E402

api.add_router("/v1/units", units_router)
api.add_router("/v1/people", people_router)

from .catalogue import router as catalogue_router  # noqa: E402
from .registry import router as registry_router  # noqa: E402

api.add_router("/v1/catalogue", catalogue_router)
api.add_router("/v1/register", registry_router)

from .emulation import blocs_router, movements_router  # noqa: E402

api.add_router("/v1/movements", movements_router)
api.add_router("/v1/blocs", blocs_router)

from .eligibility import router as eligibility_router  # noqa: E402

api.add_router("/v1/eligibility", eligibility_router)

from .registrations import router as registrations_router  # noqa: E402

api.add_router("/v1/registrations", registrations_router)

from .nominations import router as dossiers_router  # noqa: E402

api.add_router("/v1/dossiers", dossiers_router)
