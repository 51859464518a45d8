from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import PartnerCreationForm, PartnerEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin with the organisation and preferred language of each person."""

    template_prefix = "accounts/users/"

    def get_form_class(self, for_update=False):
        return PartnerEditForm if for_update else PartnerCreationForm
