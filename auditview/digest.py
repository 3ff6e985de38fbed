"""The weekly digest each SBST consultant gets about the programmes they are the contact of
(Celery beat's `weekly-digest`, every hour; `auditview.tasks.send_weekly_digests`).

It is due from Monday 07:00 (Danish time) of each ISO week and sent once per consultant per
week: a `DigestSent(user, week)` row is inserted in the transaction that writes the e-mail to
the outbox, and the unique constraint lets only one of two runs (beat twice, or two workers at
once: the second insert waits for the first's transaction, then fails) commit a claim, so a
claim without its e-mail, or an e-mail without its claim, is never committed.

What it says, per programme (ongoing ones only), with a link to each:
- turned red: red this week (`portfolio.health`) and not red last week; each programme's
  level is stored once per week (`WeeklyHealth`) so next week's digest can compare;
- gates due: the phase's window ends within `GATE_DUE_DAYS` days (or has ended) and its gate
  does not hold;
- overdue items: follow-up tasks from meetings, communication activities, evaluations of
  trial actions.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.emails import render_text
from outbox.services import enqueue
from portfolio.health import RED
from portfolio.selectors import portfolio_programmes, portfolio_rows
from programmes.models import Programme

from .models import DigestSent, WeeklyHealth

User = get_user_model()

GATE_DUE_DAYS = 21
# The digest is due from this hour on the Monday of each ISO week (Danish time).
SEND_FROM_HOUR = 7


def week_of(moment) -> datetime.date:
    """The Monday of `moment`'s ISO week, in Danish time."""
    day = timezone.localtime(moment, timezone.get_default_timezone()).date()
    return day - datetime.timedelta(days=day.weekday())


def is_due(moment) -> bool:
    """From Monday 07:00 on, for the rest of the week (a beat that was down catches up)."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return local.weekday() > 0 or local.hour >= SEND_FROM_HOUR


@dataclass
class Digest:
    """What one consultant's e-mail says."""

    user: object
    week: datetime.date
    programmes: int = 0
    turned_red: list = field(default_factory=list)
    gates_due: list = field(default_factory=list)
    overdue: list = field(default_factory=list)


def _link(programme) -> str:
    return settings.SITE_URL + reverse(
        "programmes:programme_detail", kwargs={"programme_pk": programme.pk}
    )


def _name(programme) -> str:
    return f"{programme.municipality.name}, {programme.cohort.name}"


def record_health(rows, week) -> dict[int, tuple[str | None, str | None]]:
    """Store this week's level of each row's programme (the first run of the week decides),
    and return {programme id: (this week's level, last week's level)}."""
    WeeklyHealth.objects.bulk_create(
        [WeeklyHealth(programme=row.programme, week=week, level=row.health.level) for row in rows],
        ignore_conflicts=True,
    )
    stored = WeeklyHealth.objects.filter(
        programme_id__in=[row.programme_id for row in rows],
        week__in=[week, week - datetime.timedelta(days=7)],
    ).values_list("programme_id", "week", "level")
    levels = {row.programme_id: [None, None] for row in rows}
    for programme_id, stored_week, level in stored:
        levels[programme_id][0 if stored_week == week else 1] = level
    return {pk: tuple(pair) for pk, pair in levels.items()}


def _gate_text(row) -> str:
    standing = row.standing
    missing = get_text_list([str(r.label).rstrip(".") for r in standing.gate.missing], _("og"))
    days = standing.days_left
    if days < 0:
        when = _("sluttede %(day)s") % {"day": date_format(standing.window.ends_on, "j. F Y")}
    else:
        when = _("slutter %(day)s (om %(days)s dage)") % {
            "day": date_format(standing.window.ends_on, "j. F Y"),
            "days": days,
        }
    text = _("Fasen %(phase)s %(when)s, og porten holder ikke endnu.") % {
        "phase": str(standing.label).lower(),
        "when": when,
    }
    if missing:
        text += " " + _("Den kræver: %(missing)s.") % {"missing": missing}
    return text


def _overdue_part(kind: str, count: int) -> str:
    if kind == "communication":
        return ngettext(
            "%(count)d kommunikationsaktivitet", "%(count)d kommunikationsaktiviteter", count
        ) % {"count": count}
    if kind == "follow_ups":
        return ngettext(
            "%(count)d opfølgningsopgave fra et møde",
            "%(count)d opfølgningsopgaver fra møder",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d evaluering af en prøvehandling",
        "%(count)d evalueringer af prøvehandlinger",
        count,
    ) % {"count": count}


def _overdue_text(row) -> str:
    parts = [_overdue_part(kind, n) for kind, n in row.overdue.items() if n]
    return _("Overskredet: %(parts)s.") % {"parts": get_text_list(parts, _("og"))}


def compose(user, week, rows, levels) -> Digest:
    """One consultant's digest from the rows of their ongoing programmes (in Danish)."""
    digest = Digest(user=user, week=week, programmes=len(rows))
    for row in rows:
        programme = row.programme
        item = {"name": _name(programme), "link": _link(programme)}
        now, before = levels.get(row.programme_id, (row.health.level, None))
        if now == RED and before != RED:
            digest.turned_red.append({**item, "reasons": " ".join(row.health.reasons)})
        standing = row.standing
        if (
            standing.window is not None
            and standing.days_left <= GATE_DUE_DAYS
            and not standing.gate.holds
        ):
            digest.gates_due.append({**item, "text": _gate_text(row)})
        if row.overdue_total:
            digest.overdue.append({**item, "text": _overdue_text(row)})
    return digest


def render(digest: Digest) -> tuple[str, str]:
    """The e-mail's subject and plain text, in Danish."""
    context = {
        "name": digest.user.get_full_name(),
        "week": digest.week.isocalendar().week,
        "year": digest.week.isocalendar().year,
        "digest": digest,
        "portfolio_link": settings.SITE_URL + reverse("portfolio:portfolio"),
    }
    with translation.override("da"):
        subject = " ".join(render_text("auditview/email/digest_subject.txt", context).split())
        body = render_text("auditview/email/digest.txt", context)
    return subject, body


def claim_and_send(user, week, subject: str, body: str) -> bool:
    """Claim the week's digest for `user` and write its e-mail to the outbox, in one
    transaction; False when another run has claimed it (or does so right now)."""
    from .tasks import send_digest_mail

    with transaction.atomic():
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, week=week)
        except IntegrityError:
            return False
        enqueue(send_digest_mail, to=[user.email], subject=subject, body=body)
    return True


def consultants_due(week):
    """Active SBST staff who are the contact of a programme and have not had this week's
    digest."""
    return (
        User.objects.filter(
            is_active=True,
            sbst_role__in=[User.SbstRole.CONSULTANT, User.SbstRole.ADMINISTRATOR],
            pk__in=Programme.objects.exclude(primary_contact=None).values("primary_contact_id"),
        )
        .exclude(pk__in=DigestSent.objects.filter(week=week).values("user_id"))
        .order_by("pk")
    )


def send_weekly_digests(now=None) -> int:
    """Every digest due now, each claimed in its own transaction; the caller holds a scope
    that covers every municipality. Returns how many were written to the outbox."""
    now = now or timezone.now()
    if not is_due(now):
        return 0
    week = week_of(now)
    users = list(consultants_due(week))
    if not users:
        return 0
    today = timezone.localdate(now, timezone.get_default_timezone())
    programmes = portfolio_programmes(
        Programme.objects.filter(primary_contact__in=users).select_related("cohort")
    ).order_by("municipality__name", "cohort__starts_on", "pk")
    rows = [
        row
        for row in portfolio_rows(programmes, today=today, now=now)
        if not row.standing.is_completed
    ]
    with translation.override("da"):
        levels = record_health(rows, week)
        by_user: dict[int, list] = {}
        for row in rows:
            by_user.setdefault(row.programme.primary_contact_id, []).append(row)
        sent = 0
        for user in users:
            if user.pk not in by_user:
                continue
            digest = compose(user, week, by_user[user.pk], levels)
            subject, body = render(digest)
            sent += claim_and_send(user, week, subject, body)
    return sent
