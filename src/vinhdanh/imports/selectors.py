"""Who sees which import job: its creator, and users whose import scope covers the creator's."""

from __future__ import annotations

from vinhdanh.accounts.enums import Capability
from vinhdanh.accounts.permissions import scope_paths

from .models import ImportJob


def job_visible(user, job: ImportJob) -> bool:
    roots = scope_paths(user, Capability.IMPORT)
    if not roots:
        return False
    if job.created_by_id == user.pk or "" in roots:
        return True
    job_roots = job.scope_paths or []
    return bool(job_roots) and all(any(p.startswith(r) for r in roots) for p in job_roots)


def jobs_of(user):
    """The user's own jobs, newest first, without the (possibly large) problem list."""
    return (
        ImportJob.objects.filter(created_by=user)
        .defer("errors", "summary")
        .order_by("-created_at", "-id")
    )
