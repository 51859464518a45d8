"""A member's own account: profile and notification preferences, their data, and leaving."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.models import Subscription

from . import gdpr
from .forms import DeleteAccountForm, ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile is saved."))
        # The site follows the member's language from now on.
        with translation.override(user.preferred_language):
            response = HttpResponseRedirect(reverse("profile"))
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            max_age=365 * 24 * 3600,
        )
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "subscriptions": request.user.subscriptions.all(),
            "frequencies": Subscription.Frequency.choices,
            "kinds": Subscription.Kind.choices,
        },
    )


@login_required
@require_POST
def subscription_change(request, pk):
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user)
    if request.POST.get("action") == "remove":
        subscription.delete()
        messages.success(request, _("You will no longer receive these updates."))
    elif request.POST.get("frequency") in Subscription.Frequency.values:
        subscription.frequency = request.POST["frequency"]
        subscription.save(update_fields=["frequency"])
        messages.success(request, _("Your choice is saved."))
    return redirect("profile")


@login_required
def export(request):
    data = gdpr.export(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="leg-tj-my-data-{timezone.localdate():%Y-%m-%d}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request):
    # Bound on every POST: an unticked box alone sends nothing, and must still be refused with a message.
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        gdpr.delete(user)
        messages.success(request, _("Your account and personal data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})
