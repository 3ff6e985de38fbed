"""The DKFDS shell in a real browser (login, start pages, language, axe) and the crispy pack."""

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template import Context, Template
from django.urls import reverse

from tests.factories import (
    DEFAULT_PASSWORD,
    ConsultantFactory,
    MembershipFactory,
    ProgrammeFactory,
    member,
    municipality,
)

COORDINATOR_EMAIL = "koordinator@roskilde.example.dk"


@pytest.fixture
def coordinator():
    return member("Roskilde", email=COORDINATOR_EMAIL, full_name="Rikke Roskilde")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_sees_their_municipality_and_can_switch_to_english(
    browser_page, live_server, login, assert_no_axe_violations, coordinator
):
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    assert page.url == live_server.url + reverse("home")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == "Goddag, Rikke"
    assert "Rikke Roskilde, Roskilde" in page.locator(".portal-user .user").inner_text()
    assert "Udviklingsforløb i Roskilde" in page.locator("main").inner_text()
    current = page.locator(".navigation-menu a[aria-current=page]")
    assert current.inner_text() == "Forside"
    assert_no_axe_violations(page)

    with page.expect_navigation():
        page.locator(".portal-user button[lang=en]").click()

    assert page.url == live_server.url + reverse("home")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".portal-user button[lang=da]").inner_text().strip() == "Dansk"
    assert page.locator("h1").inner_text() == "Hello, Rikke"
    assert page.locator(".navigation-menu a[aria-current=page]").inner_text() == "Home"
    assert_no_axe_violations(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_without_programme_is_invited_to_enrol(
    browser_page, live_server, login, coordinator
):
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    cta = page.get_by_role("link", name="Tilmeld jer et strategisk udviklingsforløb")
    assert cta.get_attribute("href") == reverse("enrolment:enrolment_create")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_person_in_two_municipalities_switches_between_them(browser_page, live_server, login):
    person = member("Roskilde", email="begge@example.dk", full_name="Bo Begge")
    MembershipFactory(user=person, municipality=municipality("Herning"))
    page = login(browser_page, live_server, "begge@example.dk", DEFAULT_PASSWORD)
    assert "Bo Begge, Herning" in page.locator(".portal-user .user").inner_text()

    page.locator(".portal-user select[name=municipality]").select_option(label="Roskilde")
    with page.expect_navigation():
        page.locator(".portal-user .municipality-switch button").click()

    assert "Bo Begge, Roskilde" in page.locator(".portal-user .user").inner_text()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_failed_login_shows_the_danish_error_at_the_form(
    browser_page, live_server, login, assert_no_axe_violations, coordinator
):
    page = login(browser_page, live_server, COORDINATOR_EMAIL, "forkert-adgangskode")

    summary = page.locator("main .alert-error")
    assert "E-mail eller adgangskode er forkert." in summary.inner_text()
    assert page.locator("#id_username").input_value() == COORDINATOR_EMAIL
    assert_no_axe_violations(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("url_name", ["accounts:login", "accounts:password_reset"])
def test_anonymous_pages_pass_axe(browser_page, live_server, assert_no_axe_violations, url_name):
    browser_page.goto(live_server.url + reverse(url_name))

    assert browser_page.locator("a.skipnav").get_attribute("href") == "#main-content"
    assert_no_axe_violations(browser_page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_consultant_pages_pass_axe(browser_page, live_server, login, assert_no_axe_violations):
    ConsultantFactory(email="karen@sbst.dk", full_name="Karen Konsulent")
    ProgrammeFactory()  # Roskilde, in a cohort, so the tables have content
    page = login(browser_page, live_server, "karen@sbst.dk", DEFAULT_PASSWORD)

    assert page.locator("h1").inner_text() == "Goddag, Karen"
    assert page.get_by_role("link", name="Roskilde").count() == 1
    assert_no_axe_violations(page)

    roskilde = municipality("Roskilde")
    page.goto(live_server.url + reverse("programmes:municipality_detail", args=[roskilde.code]))
    assert page.locator("h1").inner_text() == "Roskilde"
    assert page.locator(".navigation-menu a[aria-current=true]").inner_text() == "Kommuner"
    assert_no_axe_violations(page)

    page.goto(live_server.url + reverse("accounts:invitation_list"))
    assert page.locator("h1").inner_text() == "Invitationer"
    assert_no_axe_violations(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invitation_form_errors_pass_axe(
    browser_page, live_server, login, assert_no_axe_violations, coordinator
):
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)
    page.goto(live_server.url + reverse("accounts:invitation_list"))
    page.fill("#id_email", "ikke-en-adresse")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert email.get_attribute("aria-describedby") == "id_email-error"
    assert page.locator("#id_email-error").is_visible()
    assert_no_axe_violations(page)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_not_found_page_is_danish_and_passes_axe(
    browser_page, live_server, login, assert_no_axe_violations, coordinator
):
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)
    response = page.goto(live_server.url + "/findes-ikke/")

    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden findes ikke"
    assert_no_axe_violations(page)


# The crispy-forms template pack: no browser needed.


class ExampleForm(forms.Form):
    name = forms.CharField(label="Navn", help_text="Som det står i jeres system.")
    email = forms.EmailField(label="E-mail")
    note = forms.CharField(label="Bemærkning", widget=forms.Textarea, required=False)
    groups = forms.MultipleChoiceField(
        label="Grupper",
        choices=[("steering", "Styregruppe"), ("implementation", "Implementeringsgruppe")],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        raise forms.ValidationError("Formularen kunne ikke gemmes.")


def render_crispy(form):
    form.helper = FormHelper()
    form.helper.add_input(Submit("save", "Gem"))
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def tag_with_id(html, element_id):
    match = re.search(rf'<[a-z]+[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert match, f"no element with id {element_id}"
    return match.group(0)


def test_pack_binds_hint_and_error_to_the_input():
    form = ExampleForm(data={"name": "", "email": "x@example.dk"})
    form.is_valid()

    html = render_crispy(form)

    name_input = tag_with_id(html, "id_name")
    assert 'aria-describedby="id_name-hint id_name-error"' in name_input
    assert 'aria-invalid="true"' in name_input
    assert "form-input" in name_input
    assert '<span class="form-hint" id="id_name-hint">' in html
    assert 'class="form-error-message" id="id_name-error"' in html
    assert 'class="form-group form-error"' in html


def test_pack_leaves_valid_fields_alone_and_marks_optional_ones():
    form = ExampleForm(data={"name": "", "email": "x@example.dk"})
    form.is_valid()

    html = render_crispy(form)

    email_input = tag_with_id(html, "id_email")
    assert "aria-describedby" not in email_input
    assert "aria-invalid" not in email_input
    assert 'for="id_note">Bemærkning<span class="weight-normal"> (frivilligt)</span>' in html


def test_pack_groups_checkboxes_in_a_fieldset_described_by_the_error():
    form = ExampleForm(data={"name": "Rikke"})
    form.is_valid()

    html = render_crispy(form)

    assert '<fieldset aria-describedby="id_groups-error"><legend class="form-label">Grupper' in html
    assert 'class="form-checkbox" name="groups" id="id_groups_0"' in html
    assert 'class="form-error-message" id="id_groups-error"' in html


def test_pack_summarises_errors_with_links_to_the_fields():
    form = ExampleForm(data={"name": ""})
    form.is_valid()

    html = render_crispy(form)

    summary = html[html.index('data-module="error-summary"') : html.index("</ul>")]
    assert "Formularen kunne ikke gemmes." in summary
    assert 'href="#id_name"' in summary
    assert 'href="#id_groups_0"' in summary
    assert 'class="button button-primary"' in html


def test_crispy_filter_uses_the_pack():
    form = ExampleForm(data={"name": ""})
    form.is_valid()

    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))

    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "<form" not in html


# Page and e-mail templates outside the browser: they render, in Danish, with working links.


@pytest.mark.django_db
def test_password_reset_mail_is_danish_with_a_working_link(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": COORDINATOR_EMAIL})

    assert response.status_code == 302
    done = client.get(response.url)
    assert "Tjek din e-mail" in done.content.decode()
    [mail] = mailoutbox
    assert mail.subject == "Ny adgangskode til Forløbsportalen"
    link = re.search(r"http://\S+/konto/adgangskode/ny/\S+/", mail.body).group(0)
    html = mail.alternatives[0][0]
    assert f'href="{link}"' in html
    confirm = client.get(link, follow=True)
    assert "Vælg en ny adgangskode" in confirm.content.decode()
    assert 'name="new_password1"' in confirm.content.decode()


@pytest.mark.django_db
def test_invitation_mail_names_municipality_role_and_link(
    client_for, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_list"),
            {
                "email": "ny@roskilde.example.dk",
                "full_name": "Nina Ny",
                "municipality": coordinator.memberships.get().municipality_id,
                "role": "reader",
            },
            follow=True,
        )

    page = response.content.decode()
    assert "Invitationen er sendt til ny@roskilde.example.dk." in page
    assert '<span class="badge badge-info">Venter</span>' in page
    [mail] = mailoutbox
    assert mail.subject == "Du er inviteret til Forløbsportalen af Rikke Roskilde"
    assert "som Læser i Roskilde." in mail.body
    link = re.search(r"http://\S+/konto/invitation/\S+/", mail.body).group(0)
    assert f'href="{link}"' in mail.alternatives[0][0]


@pytest.mark.django_db
def test_lockout_page_explains_the_fifteen_minutes(client, coordinator, settings):
    settings.AXES_FAILURE_LIMIT = 2
    credentials = {"username": COORDINATOR_EMAIL, "password": "forkert"}

    client.post(reverse("accounts:login"), credentials)
    response = client.post(reverse("accounts:login"), credentials)

    assert response.status_code == 429
    assert "spærret i 15 minutter" in response.content.decode()


def test_server_error_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()

    assert '<html lang="da">' in html
    assert "Der opstod en fejl" in html


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_coordinator_opens_the_programme_page_which_passes_axe(
    browser_page, live_server, login, assert_no_axe_violations, coordinator
):
    from programmes.models import GroupMember, Level, ProgrammeGroup

    programme = ProgrammeFactory(municipality=municipality("Roskilde"), cohort__name="Hold 2099")
    group = ProgrammeGroup.objects.create(
        municipality=programme.municipality,
        programme=programme,
        kind="steering",
        name="Styregruppe",
    )
    GroupMember.objects.create(
        municipality=programme.municipality, group=group, name="Sofie Styre", level=Level.CHIEF
    )
    page = login(browser_page, live_server, COORDINATOR_EMAIL, DEFAULT_PASSWORD)

    page.get_by_role("link", name="Hold 2099").click()

    assert page.locator("h1").inner_text() == "Udviklingsforløb: Roskilde, Hold 2099"
    assert "Sofie Styre" in page.inner_text("main")
    assert_no_axe_violations(page)
    page.screenshot(path="/tmp/s_programme.png", full_page=True)
