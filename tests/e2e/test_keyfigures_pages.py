"""Every key-figure page, as its people open it on the demo data, passes axe."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from keyfigures import imports, services
from keyfigures.models import Indicator, SteeringNote
from programmes.models import Programme
from tests.e2e.helpers import visit_all
from tests.factories import DEFAULT_PASSWORD

BAD_FILE = "kommunekode;noegletal;aar;vaerdi\n999;ukendt;2024;x\n"


@pytest.mark.e2e
@pytest.mark.cross_tenant
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_key_figure_pages_pass_axe_for_coordinator_and_administrator(
    browser_page, live_server, login, assert_no_axe_violations, settings
):
    settings.DEBUG = True
    call_command("seed_demo", password=DEFAULT_PASSWORD, stdout=None)
    programme = Programme.objects.get(municipality__name="Roskilde")
    note = SteeringNote.objects.get()
    admin = User.objects.get(email="admin@sbst.dk")
    coordinator = User.objects.get(email="koordinator@roskilde.dk")
    indicator = Indicator.objects.first()
    local = services.add_local_figure(
        programme.municipality, by=coordinator, indicator=indicator, year=2022, value=12
    )
    checked = imports.read_figures(
        SimpleUploadedFile(
            "noegletal.csv",
            b"kommunekode;noegletal;aar;vaerdi;status\n265;demo-trivsel;2025;60,5;\n"
            b"187;demo-trivsel;2025;;indberettet af 183\n",
        )
    )
    figure_import = services.save_upload(checked.rows, by=admin, filename="noegletal.csv")
    page = browser_page

    login(page, live_server, "koordinator@roskilde.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("keyfigures:indicator_list"),
            reverse("keyfigures:municipality_figures", kwargs={"code": "265"})
            + "?sammenlign=657&sammenlign=187",
            reverse("keyfigures:indicator_ranking", kwargs={"code": "265"}),
            reverse("keyfigures:figure_add", kwargs={"code": "265"}),
            reverse("keyfigures:figure_edit", kwargs={"code": "265", "figure_pk": local.pk}),
            reverse("keyfigures:steering_notes", kwargs={"programme_pk": programme.pk}),
            reverse(
                "keyfigures:steering_note_edit",
                kwargs={"programme_pk": programme.pk, "steering_note_pk": note.pk},
            ),
        ],
    )

    page.context.clear_cookies()
    login(page, live_server, "admin@sbst.dk", DEFAULT_PASSWORD)
    visit_all(
        page,
        live_server,
        assert_no_axe_violations,
        [
            reverse("keyfigures:indicator_ranking", kwargs={"code": "265"}) + "?aar=2024",
            reverse("keyfigures:indicator_add"),
            reverse("keyfigures:indicator_edit", kwargs={"indicator_pk": indicator.pk}),
            reverse("keyfigures:import_upload"),
            reverse("keyfigures:import_preview", kwargs={"figure_import_pk": figure_import.pk}),
        ],
    )
    page.goto(live_server.url + reverse("keyfigures:import_upload"))
    page.set_input_files(
        "#id_file",
        files=[{"name": "fejl.csv", "mimeType": "text/csv", "buffer": BAD_FILE.encode()}],
    )
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Række 2" in page.content()
    assert_no_axe_violations(page)
