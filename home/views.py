"""The style guide: every component of the design system, in both themes, for editors and developers.

Staff only (anyone who may open the Wagtail admin): it shows sample content,
not the site's, and is not for search engines.
"""

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

# The tokens of legtj/static/css/site.css, named as editors meet them.
COLOURS = [
    ("bg", _("Page background")),
    ("fg", _("Text")),
    ("muted", _("Secondary text")),
    ("surface", _("Panels")),
    ("border", _("Borders")),
    ("accent", _("Links and buttons")),
    ("on-accent", _("Text on buttons")),
    ("focus", _("Focus and errors")),
    ("success", _("Success")),
    ("danger", _("Danger")),
    ("highlight", _("Highlight")),
]
TYPE_SCALE = ["text-2xl", "text-xl", "text-l", "text-m", "text-s"]
SPACE_SCALE = ["3xs", "2xs", "xs", "s", "m", "l", "xl"]


class SampleForm(forms.Form):
    """Shown refused, so the guide has a field with help, one with an error and the error summary."""

    title = forms.CharField(label=_("Title"), max_length=20, help_text=_("A short, plain title."))
    email = forms.EmailField(label=_("Email address"))
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[("cbe", _("Competency-Based Education")), ("digital", _("Digital learning"))],
    )


@never_cache
def styleguide(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_staff or request.user.has_perm("wagtailadmin.access_admin")):
        raise PermissionDenied
    themes = []
    for theme, name in (("light", _("Light theme")), ("dark", _("Dark theme"))):
        # Each theme's copy has its own prefix: ids stay unique on the page.
        form = SampleForm(data={f"{theme}-title": "A title longer than twenty", f"{theme}-email": "x"}, prefix=theme)
        form.is_valid()
        themes.append({"code": theme, "name": name, "form": form})
    context = {
        "themes": themes,
        "colours": COLOURS,
        "type_scale": TYPE_SCALE,
        "space_scale": SPACE_SCALE,
        "page_obj": Paginator(range(30), 10).page(2),
    }
    response = render(request, "home/styleguide.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
