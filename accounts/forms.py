from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from programmes.models import Membership, Municipality
from programmes.validators import single_line

from .lockout import normalise_email
from .models import User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "E-mail eller adgangskode er forkert. Bemærk at adgangskoden skelner mellem store "
            "og små bogstaver."
        ),
        "inactive": _("Brugeren er deaktiveret."),
    }

    def clean_username(self):
        # One spelling per address, so the login lock counts every spelling as one account.
        return normalise_email(self.cleaned_data["username"])


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    full_name = forms.CharField(
        label=_("Navn"), max_length=200, required=False, validators=[single_line]
    )
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.none(), empty_label=None
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Dit navn"), max_length=200, validators=[single_line])
    password1 = forms.CharField(
        label=_("Adgangskode"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindst 10 tegn, og ikke kun tal."),
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        elif p1:
            try:
                # The invited address takes part, so a password like the e-mail is refused.
                person = User(email=self.email, full_name=cleaned.get("full_name", ""))
                password_validation.validate_password(p1, user=person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
