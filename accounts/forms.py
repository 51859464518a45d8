from allauth.account.forms import RequestLoginCodeForm
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale
from wagtail.users.forms import UserCreationForm, UserEditForm

from hub.models import Stakeholder

from .roles import ROLE_NAMES

PROFILE_FIELDS = ("organisation", "preferred_language")
EMAIL_MAX_LENGTH = 254  # the longest address a mail system delivers to (RFC 5321), and our columns' length


class OrganisationChoices:
    """Offers organisations once each (the default language's rows: any version names the same one), each
    labelled with its name in the reader's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Stakeholder.objects.filter(locale=Locale.get_default()).order_by("name")
        names = {code: str(row) for code, row in Stakeholder.labels().items()}  # one query
        field.label_from_instance = lambda stakeholder: names.get(stakeholder.code, str(stakeholder))


class PartnerCreationForm(OrganisationChoices, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class PartnerEditForm(OrganisationChoices, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)


class ProfileForm(OrganisationChoices, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "organisation", "preferred_language", "event_emails", "reminder_emails"]


class InvitationForm(OrganisationChoices, forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Stakeholder.objects.none())
    role = forms.ModelChoiceField(label=_("Role"), queryset=Group.objects.none(), empty_label=None)
    preferred_language = forms.ChoiceField(label=_("Language of their emails"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = Group.objects.filter(name__in=ROLE_NAMES).order_by("pk")

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("This person already has an account."))
        return email


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted for good."), required=True
    )


class SignInForm(RequestLoginCodeForm):
    """allauth's request-a-code form, refusing an address longer than the database keeps (254 characters)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.max_length = EMAIL_MAX_LENGTH
        email.validators.append(MaxLengthValidator(EMAIL_MAX_LENGTH))
        email.widget.attrs["maxlength"] = str(EMAIL_MAX_LENGTH)
