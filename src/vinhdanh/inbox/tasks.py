"""Background work: the scheduled reminders (``manage.py db_worker`` runs it when enqueued)."""

from django_tasks import task


@task()
def send_reminders_job() -> dict:
    from .reminders import send_reminders

    return send_reminders()
