"""Best practices in the admin: the submission form's word guidance, live, in the page editor."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .forms import guidance_script


@hooks.register("insert_editor_js")
def word_count_for_editors():
    """Live word counts against the submission form's guidance, on best-practice answers in the page editor."""
    return format_html('{}<script src="{}" defer></script>', guidance_script(), static("hub/js/word-count.js"))
