from django import forms
from django.utils.translation import gettext_lazy as _

from .services import sbst_contacts


class PrimaryContactForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("Primær kontakt i SBST"), queryset=None, empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = sbst_contacts()
