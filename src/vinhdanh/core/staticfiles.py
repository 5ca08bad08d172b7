"""Static files in production: WhiteNoise's hashed, compressed storage, forgiving a missing
collectstatic.

With STATIC_HASHED on (DEBUG off), ``{% static %}`` writes names carrying a hash of the content
(``core/app.eca292f8c28d.css``), which WhiteNoise serves with a one-year immutable cache.
Django's manifest storage raises on a name missing from the manifest, so a process started
without ``collectstatic`` (``manage.py shell``, a one-off script) would answer 500 on every page;
here the plain name is used instead and the omission is logged once. ``make serve`` always runs
collectstatic first.
"""

from __future__ import annotations

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    _warned = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            if not HashedStaticStorage._warned:
                HashedStaticStorage._warned = True
                logger.error(
                    "Static file %r is not in the manifest: run `manage.py collectstatic` "
                    "(make serve does); plain names are used meanwhile.",
                    name,
                )
            return name
