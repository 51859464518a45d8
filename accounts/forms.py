from wagtail.users.forms import UserCreationForm, UserEditForm

PROFILE_FIELDS = ("organisation", "preferred_language")


class PartnerCreationForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)


class PartnerEditForm(UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)
