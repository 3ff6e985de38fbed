import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_scopes import scopes_disabled

from programmes.extensions import DEMO_BUILDERS
from programmes.models import Membership, Municipality

User = get_user_model()

# The demo municipalities and the names of their coordinators.
DEMO_MUNICIPALITIES = {
    "Roskilde": "Rikke Holm",
    "Rudersdal": "Mads Lund",
    "Herning": "Hanne Kjær",
    "Randers": "Jonas Bach",
}


class Command(BaseCommand):
    help = "Opret demodata (idempotent): SBST-brugere, koordinatorer og data fra hver del."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Adgangskode til demobrugerne.")
        parser.add_argument("--force", action="store_true", help="Kør også når DEBUG er slået fra.")

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG er slået fra. Demodata hører ikke hjemme i drift; brug --force, "
                "hvis du er sikker."
            )
        password = password or os.environ.get("DEMO_PASSWORD") or "forlob-demo"
        with transaction.atomic(), scopes_disabled():
            self._user("konsulent@sbst.dk", "Karen Madsen", password, sbst_role="consultant")
            self._user(
                "admin@sbst.dk",
                "Anders Winther",
                password,
                sbst_role="administrator",
                is_staff=True,
                is_superuser=True,
            )
            for name, coordinator_name in DEMO_MUNICIPALITIES.items():
                municipality = Municipality.objects.get(name=name)
                user = self._user(f"koordinator@{municipality.slug}.dk", coordinator_name, password)
                Membership.objects.get_or_create(
                    municipality=municipality, user=user, role=Membership.Role.COORDINATOR
                )
            self._seed_apps(password)
        self.stdout.write(self.style.SUCCESS(f"Demodata er klar. Adgangskode: {password}"))

    def _seed_apps(self, password):
        for build in DEMO_BUILDERS:
            build(password=password, log=self.stdout.write)

    def _user(self, email, full_name, password, **fields):
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": full_name, **fields}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"Oprettet: {email}")
        else:
            self.stdout.write(f"Findes allerede: {email}")
        return user
