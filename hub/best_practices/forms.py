from django import forms
from django.utils.functional import lazy
from django.utils.html import json_script
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from hub.directory.models import Stakeholder
from hub.taxonomy import ActionTrack, Country
from hub.text import html_to_plain_text, plain_text_to_html

from .models import MAX_KEYWORDS, MIN_KEYWORDS, WORD_GUIDANCE, BestPracticePage, word_guidance_text

KEYWORD_SEPARATORS = ("\n", ";", ",")


def model_help(name):
    return BestPracticePage._meta.get_field(name).help_text


class VocabularyChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class AnswerField(forms.CharField):
    """A long answer typed as plain text; paragraphs and bullet lines become rich text."""

    def __init__(self, name, **kwargs):
        low_high = WORD_GUIDANCE.get(name)
        attrs = {"rows": 12 if low_high else 5}
        help_text = model_help(name)
        if low_high:
            attrs["data-word-guidance"] = f"{low_high[0]}-{low_high[1]}"
            # Lazy: the form class is built once, at import, but read in each visitor's language.
            help_text = format_lazy("{} {}", help_text, lazy(word_guidance_text, str)(*low_high))
        super().__init__(
            widget=forms.Textarea(attrs=attrs), max_length=20_000, strip=True, help_text=help_text, **kwargs
        )


class BestPracticeSubmissionForm(forms.Form):
    """The LEG's twelve questions, for partners submitting a best practice from the site."""

    title = forms.CharField(
        label=_("1. Title of the best practice"),
        max_length=255,
        help_text=_("For example the name of the policy, programme or project."),
    )
    countries = VocabularyChoiceField(
        label=_("2. Country or countries where the practice is implemented"), queryset=Country.objects.none()
    )
    action_tracks = VocabularyChoiceField(
        label=_("3. The most relevant Action Track(s) the practice applies to"), queryset=ActionTrack.objects.none()
    )
    organisations = VocabularyChoiceField(
        label=_("4. Implementation lead and partner organisations"),
        queryset=Stakeholder.objects.none(),
        required=False,
        help_text=_("Choose those in the directory, and name any others below."),
    )
    other_organisations = forms.CharField(
        label=_("Other organisations"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas."),
    )
    keywords = forms.CharField(
        label=_("5. Keywords"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("5 to 15 keywords about aims, modalities, target groups: one per line, or separated by commas."),
    )
    what_makes_it_best = AnswerField("what_makes_it_best", label=_("6. What makes it a best practice?"))
    introduction = AnswerField("introduction", label=_("7. Introduction"))
    implementation = AnswerField("implementation", label=_("8. Implementation"))
    results = AnswerField("results", label=_("9. Results: outputs and outcomes"))
    lessons_learnt = AnswerField("lessons_learnt", label=_("10. Lessons learnt"))
    conclusions = AnswerField("conclusions", label=_("11. Conclusions"))
    further_reading = AnswerField("further_reading", label=_("12. Further reading"))

    ANSWERS = BestPracticePage.ANSWERS

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        locale = locale or Locale.get_active()
        self.fields["countries"].queryset = Country.objects.filter(locale=locale)
        self.fields["action_tracks"].queryset = ActionTrack.objects.filter(locale=locale)
        self.fields["organisations"].queryset = Stakeholder.objects.filter(locale=locale).order_by("name")
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["aria-required"] = "true"

    @classmethod
    def initial_from_page(cls, page):
        initial = {
            "title": page.title,
            "countries": [row.pk for row in page.countries.all()],
            "action_tracks": [row.pk for row in page.action_tracks.all()],
            "organisations": [row.pk for row in page.organisations.all()],
            "other_organisations": page.other_organisations,
            "keywords": "\n".join(keyword.name for keyword in page.keywords.all()),
        }
        initial.update({name: html_to_plain_text(getattr(page, name)) for name in cls.ANSWERS})
        return initial

    def clean_keywords(self):
        text = self.cleaned_data["keywords"]
        for separator in KEYWORD_SEPARATORS[1:]:
            text = text.replace(separator, "\n")
        keywords = []
        for keyword in (line.strip() for line in text.split("\n")):
            if keyword and keyword.casefold() not in {k.casefold() for k in keywords}:
                if len(keyword) > 80:
                    raise forms.ValidationError(
                        _("Each keyword must be at most 80 characters: “%(keyword)s…”.") % {"keyword": keyword[:80]}
                    )
                keywords.append(keyword)
        if not MIN_KEYWORDS <= len(keywords) <= MAX_KEYWORDS:
            raise forms.ValidationError(
                _("Give between %(low)s and %(high)s keywords; you gave %(count)s.")
                % {"low": MIN_KEYWORDS, "high": MAX_KEYWORDS, "count": len(keywords)}
            )
        return keywords

    def clean(self):
        cleaned = super().clean()
        if "organisations" in cleaned and not cleaned.get("organisations") and not cleaned.get("other_organisations"):
            self.add_error("organisations", _("Name at least one lead or partner organisation."))
        return cleaned

    def apply_to(self, page):
        """Copy the answers onto a (new or draft) page, in memory; saving is the caller's."""
        data = self.cleaned_data
        page.title = data["title"]
        page.other_organisations = data["other_organisations"]
        for name in self.ANSWERS:
            setattr(page, name, plain_text_to_html(data[name]))
        page.countries = list(data["countries"])
        page.action_tracks = list(data["action_tracks"])
        page.organisations = list(data["organisations"])
        existing = {keyword.name.casefold(): keyword for keyword in page.keywords.all()}
        keywords = [
            existing.get(name.casefold()) or page.keywords.model(name=name, locale=page.locale)
            for name in data["keywords"]
        ]
        for position, keyword in enumerate(keywords):
            keyword.sort_order = position
        page.keywords = keywords
        return page


def guidance_script():
    """The word guidance per answer and the counter's wording, in the active language, for word-count.js."""
    return json_script(
        {
            "fields": {name: word_guidance_text(*low_high) for name, low_high in WORD_GUIDANCE.items()},
            "template": gettext("Words so far: {count}. Guidance: {guidance}"),
        },
        "word-guidance",
    )
