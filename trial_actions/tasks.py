from celery import shared_task
from django_scopes import scopes_disabled

from . import reminders


@shared_task(acks_late=True, ignore_result=True)
def send_evaluation_reminders():
    """Celery beat's reminders of overdue evaluations (see `trial_actions.reminders`); each
    is sent once, so running this twice, or on two workers at once, sends nothing twice."""
    # Reminders are due in every municipality; each row is claimed by its own id.
    with scopes_disabled():
        return reminders.send_due_reminders()
