"""Mounts each domain's router under /api/v1."""
