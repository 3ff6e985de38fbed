from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_scopes.state import state as scope_state

from accounts.models import User
from programmes.models import Membership

# The command seeds several municipalities; the tests read them all back.
pytestmark = pytest.mark.cross_tenant


def seed(**options):
    """Run the command as `manage.py` does: with no scope, so it must say `scopes_disabled()`."""
    out = StringIO()
    token = scope_state.set(None)
    try:
        call_command("seed_demo", stdout=out, **options)
    finally:
        scope_state.reset(token)
    return out.getvalue()


def test_seed_demo_refuses_when_debug_is_off(settings, db):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        seed()
    assert not User.objects.exists()


def test_seed_demo_creates_the_demo_users_with_the_given_password(settings, db):
    settings.DEBUG = True

    output = seed(password="demo-kode-1")

    for email in [
        "konsulent@sbst.dk",
        "admin@sbst.dk",
        "koordinator@roskilde.dk",
        "koordinator@rudersdal.dk",
        "koordinator@herning.dk",
        "koordinator@randers.dk",
    ]:
        assert User.objects.get(email=email).check_password("demo-kode-1")
        assert email in output
    assert User.objects.get(email="konsulent@sbst.dk").sbst_role == "consultant"
    admin = User.objects.get(email="admin@sbst.dk")
    assert (admin.sbst_role, admin.is_staff) == ("administrator", True)
    assert Membership.objects.get(user__email="koordinator@herning.dk").municipality.name == (
        "Herning"
    )


def test_seed_demo_is_idempotent_and_honours_force(settings, db, monkeypatch):
    settings.DEBUG = False
    monkeypatch.setenv("DEMO_PASSWORD", "fra-miljoet-1")
    seed(force=True)
    users, memberships = User.objects.count(), Membership.objects.count()

    output = seed(force=True)

    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)
    assert "Findes allerede: koordinator@roskilde.dk" in output
    assert User.objects.get(email="koordinator@randers.dk").check_password("fra-miljoet-1")
