"""Background work: large candidate runs (``manage.py db_worker`` in production)."""

from django_tasks import task


@task()
def candidates_job(run_id: int) -> str:
    from .services import eligibility_run_execute

    return eligibility_run_execute(run_id).status
