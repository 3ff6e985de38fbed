"""The reminder of an overdue evaluation, sent by Celery beat
(`trial_actions.tasks.send_evaluation_reminders`, every hour).

A trial action still planned or being carried out whose evaluation date has passed (the
Danish date) has its responsible person, the group member's account, reminded once, however
often the task runs and however many workers run it at once: a conditional UPDATE claims the
reminder (`overdue_reminder_sent_at` from NULL to now; only the first of two concurrent
claimers updates the row, the second waits for its lock and then finds the column set) and
the e-mail is written to the outbox in the same transaction, so a claim without its e-mail,
or an e-mail without the claim, is never committed (as `meetings.reminders` does). A new
evaluation date clears the claim (`services.change_plan`).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.tasks import send_mail_task
from outbox.services import enqueue

from .models import TrialAction, overdue_condition

TEMPLATE = "trial_actions/email/evaluation_overdue"


def _today(now):
    return timezone.localtime(now, timezone.get_default_timezone()).date()


def evaluations_overdue(now):
    """Planned or running, past their evaluation date, not yet reminded."""
    return TrialAction.objects.filter(
        overdue_condition(_today(now)), overdue_reminder_sent_at__isnull=True
    )


def recipient(trial_action) -> tuple[str, str] | None:
    """(e-mail, name) of the responsible person's active account, or None."""
    member = trial_action.responsible
    if member is None or member.user_id is None:
        return None
    user = member.user
    if not user.is_active or not user.email:
        return None
    return user.email, member.name


def detail_url(trial_action) -> str:
    return settings.SITE_URL + reverse(
        "trial_actions:trial_action_detail",
        kwargs={"programme_pk": trial_action.programme_id, "trial_action_pk": trial_action.pk},
    )


def remind_responsible(trial_action_id: int, *, now) -> int | None:
    """Claim the overdue reminder of a trial action and write its e-mail; None when it was
    not due or another run has claimed it, else the number of e-mails (0 when the
    responsible person has no account to write to: the claim stands, nobody is written to
    twice)."""
    with transaction.atomic():
        claimed = (
            evaluations_overdue(now).filter(pk=trial_action_id).update(overdue_reminder_sent_at=now)
        )
        if not claimed:
            return None
        trial_action = TrialAction.objects.select_related(
            "responsible__user", "programme__municipality"
        ).get(pk=trial_action_id)
        person = recipient(trial_action)
        if person is None:
            return 0
        email, name = person
        with translation.override("da"):
            context = {
                "name": name,
                "title": trial_action.title,
                "municipality": trial_action.programme.municipality.name,
                "due": date_format(trial_action.evaluate_by, "DATE_FORMAT"),
                "link": detail_url(trial_action),
            }
        enqueue(send_mail_task, template=TEMPLATE, to=[email], context=context, language="da")
        return 1


def send_due_reminders(now=None) -> int:
    """Every overdue evaluation's reminder, each claimed in its own transaction; the caller
    holds a scope that covers every municipality. Returns how many e-mails."""
    now = now or timezone.now()
    sent = 0
    for pk in list(evaluations_overdue(now).order_by("pk").values_list("pk", flat=True)):
        sent += remind_responsible(pk, now=now) or 0
    return sent
