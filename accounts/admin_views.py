from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from notifications import outbox
from notifications.models import Notification

from .forms import InvitationForm


def invite(request):
    """Administrators invite partner staff: the account exists at once, and the invitation explains how to sign in."""
    if not request.user.has_perm("accounts.add_user"):
        raise PermissionDenied
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation=data["organisation"],
                preferred_language=data["preferred_language"],
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(data["role"])
            outbox.record(Notification.Kind.INVITATION, user, key=f"invitation:{user.pk}")
        messages.success(request, _("%(email)s is invited as %(role)s.") % {"email": user.email, "role": data["role"]})
        return redirect("accounts_invite")
    return TemplateResponse(request, "accounts/admin/invite.html", {"form": form})
