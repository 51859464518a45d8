from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_help_menu_item")
def styleguide_menu_item():
    return MenuItem(_("Style guide"), reverse("styleguide"), icon_name="image", order=900)
