from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, GroupMember, Level, Membership, ProgrammeGroup
from .services import LOCAL_GROUP_AREAS, ROLE_FOR_GROUP, sbst_contacts
from .validators import single_line

# The model's EmailField column; Django's form EmailField would otherwise accept 320.
EMAIL_MAX_LENGTH = 254
NAME_MAX_LENGTH = 200


class PrimaryContactForm(forms.Form):
    contact = forms.ModelChoiceField(
        label=_("Primær kontakt i SBST"), queryset=None, empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = sbst_contacts()


def _line(label, *, required=True, help_text=""):
    return forms.CharField(
        label=label,
        max_length=NAME_MAX_LENGTH,
        required=required,
        validators=[single_line],
        help_text=help_text,
    )


class GroupForm(forms.Form):
    """A group's name and, for a local implementation group, its area. `kinds` lists the
    kinds of group that may be added (none when a group is edited)."""

    kind = forms.ChoiceField(label=_("Slags gruppe"), choices=())
    name = _line(_("Navn"))
    area = forms.ChoiceField(
        label=_("Område"),
        required=False,
        choices=[("", _("Vælg område"))] + [(a.value, a.label) for a in LOCAL_GROUP_AREAS],
        help_text=_("Det område, den lokale implementeringsgruppe arbejder i."),
    )
    area_name = _line(
        _("Andet område"),
        required=False,
        help_text=_("Skriv områdets navn, hvis du har valgt Andet område."),
    )

    def __init__(self, *args, kinds=(), group=None, **kwargs):
        super().__init__(*args, **kwargs)
        local = ProgrammeGroup.Kind.LOCAL
        if kinds:
            self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
            if len(kinds) == 1:
                self.fields["kind"].widget = forms.HiddenInput()
                self.fields["kind"].initial = kinds[0]
        else:
            del self.fields["kind"]
        if group is not None and group.kind != local:
            del self.fields["area"]
            del self.fields["area_name"]
        elif list(kinds) == [local] or group is not None:
            self.fields["area"].required = True
            self.fields["area"].error_messages["required"] = _(
                "Vælg det område, den lokale gruppe arbejder i."
            )


class MemberForm(forms.Form):
    """A person in a group. `group` decides the role an invitation gives; `member` is the
    person being edited (an invitation is offered only while they have no account)."""

    name = _line(_("Navn"))
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Kan udelades, fx for en borgerrepræsentant uden bruger."),
    )
    title = _line(_("Stilling"), required=False)
    role = forms.ChoiceField(
        label=_("Rolle i gruppen"),
        choices=GroupMember.Role.choices,
        initial=GroupMember.Role.MEMBER,
        help_text=_("En gruppe har højst én formand."),
    )
    kind = forms.ChoiceField(
        label=_("Repræsenterer"),
        choices=GroupMember.Kind.choices,
        initial=GroupMember.Kind.EMPLOYEE,
    )
    level = forms.ChoiceField(label=_("Niveau"), choices=[("", _("Vælg niveau")), *Level.choices])
    area = forms.ChoiceField(
        label=_("Område"), required=False, choices=[("", _("Intet bestemt område")), *Area.choices]
    )
    invite = forms.BooleanField(label=_("Invitér som bruger"), required=False)

    def __init__(self, *args, group, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None and member.user_id:
            del self.fields["invite"]
        else:
            self.fields["invite"].help_text = _(
                "Personen får en e-mail med et link til at oprette en bruger som %(role)s. "
                "Har personen allerede en bruger i kommunen, knyttes den til medlemmet."
            ) % {"role": Membership.Role(ROLE_FOR_GROUP[group.kind]).label.lower()}
