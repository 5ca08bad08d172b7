"""The default rule set: RULES.md encoded as registered, versioned rules and targets."""

from __future__ import annotations

from ..registry import Registry
from . import collective, forms, general, individual


def build_registry() -> Registry:
    """A fresh registry with every built-in rule (copy it before adding local rules)."""
    registry = Registry()
    general.register(registry)
    individual.register(registry)
    collective.register(registry)
    forms.register(registry)
    return registry


DEFAULT_REGISTRY = build_registry()

__all__ = ["DEFAULT_REGISTRY", "build_registry"]
