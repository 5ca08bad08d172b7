"""Background work for large files, run by ``manage.py db_worker`` in production."""

from django_tasks import task


@task()
def validate_job(job_id: int) -> str:
    from .services import import_validate

    return import_validate(job_id).status


@task()
def apply_job(job_id: int) -> str:
    from .services import import_apply

    return import_apply(job_id).status
