"""An IATI file into the registry: activities created or updated by their IATI identifier, never duplicated.

A file is read and checked whole before anything is written, so a refused
file changes nothing; then its activities are written in batches, each its
own transaction, so that progress shows while a large file imports and a
killed worker loses at most one batch (importing the file again completes
it: an import is idempotent). Only what the
file says is written (title, description, status, dates, money,
organisations, sectors, and regions added from its locations); what editors
added (translations, CBE components, links, progress notes, organisations
they typed) is kept. An activity the file repeats unchanged writes nothing.
"""

import bisect
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.fields import copy_synchronised_fields

from hub.directory.models import Stakeholder
from hub.taxonomy import Region

from . import iati
from .models import ExchangeRate, Finance, Participant, Project

CENT = Decimal("0.01")
# Names the regions go by in IATI location names, besides their names in the site's languages.
REGION_ALIASES = {
    "dushanbe": ["душанбе"],
    "sughd": ["sogd", "sughd region", "согд", "согдийская"],
    "khatlon": ["хатлон", "хатлонская"],
    "gbao": ["gorno-badakhshan", "badakhshan", "горно-бадахшанская", "бадахшан", "вмкб"],
    "drs": ["districts of republican subordination", "rrs", "нрп", "районы республиканского подчинения"],
}
SCALARS = (
    "title",
    "description",
    "status",
    "planned_start",
    "planned_end",
    "actual_start",
    "actual_end",
    "budget",
    "currency",
    "budget_usd",
    "usd_rate",
    "usd_rate_date",
    "sectors",
)


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def as_dict(self):
        return asdict(self)


class Rates:
    """US dollars per unit of each currency, on or just before a day (else the first rate after it)."""

    def __init__(self):
        self.by_currency = {}
        for rate in ExchangeRate.objects.order_by("currency", "date"):
            dates, values = self.by_currency.setdefault(rate.currency, ([], []))
            dates.append(rate.date)
            values.append(rate.usd)

    def rate(self, currency, day):
        if currency == "USD":
            return Decimal(1), day
        if currency not in self.by_currency:
            return None, None
        dates, values = self.by_currency[currency]
        index = max(bisect.bisect_right(dates, day) - 1, 0) if day else len(dates) - 1
        return values[index], dates[index]


def fold(name):
    return " ".join(name.casefold().replace("ё", "е").split())


class Matcher:
    """Directory organisations by IATI identifier or name, and regions by name, in any of the site's languages."""

    def __init__(self, english):
        stakeholders = list(Stakeholder.objects.select_related("locale"))
        originals = {row.translation_key: row for row in stakeholders if row.locale_id == english.pk}
        self.by_ref, self.by_name = {}, {}
        for row in stakeholders:
            original = originals.get(row.translation_key)
            if original is None:
                continue
            if row.iati_identifier:
                self.by_ref.setdefault(row.iati_identifier.strip().casefold(), original)
            for name in (row.name, row.acronym):
                if name:
                    self.by_name.setdefault(fold(name), original)
        self.regions = {}
        english_regions = {region.translation_key: region for region in Region.objects.filter(locale=english)}
        for region in english_regions.values():
            for name in [region.code, region.name, *REGION_ALIASES.get(region.code, [])]:
                self.regions[fold(name)] = region
        for region in Region.objects.exclude(locale=english):
            if region.translation_key in english_regions:
                self.regions[fold(region.name)] = english_regions[region.translation_key]

    def stakeholder(self, organisation):
        by_ref = self.by_ref.get(organisation.ref.casefold()) if organisation.ref else None
        return by_ref or self.by_name.get(fold(organisation.name))

    def regions_in(self, names):
        found = set()
        for name in names:
            folded = fold(name)
            for key, region in self.regions.items():
                if key == folded or (len(key) > 3 and key in folded):
                    found.add(region)
        return found


BATCH = 25


def import_file(data, progress=None):
    """Import an IATI file's bytes; returns the Report, or raises iati.Refused and changes nothing.

    `progress(done, total)` is called after each batch, once it is committed.
    """
    activities = iati.read(data)
    return Importer().run(activities, progress)


class Importer:
    def __init__(self):
        self.english = Locale.get_default()
        self.rates = Rates()
        self.matcher = Matcher(self.english)
        self.report = Report()
        self.seen = set()
        self.slugs = set(Project.objects.filter(locale=self.english).values_list("slug", flat=True))

    def run(self, activities, progress=None):
        existing = {
            project.iati_identifier: project
            for project in Project.objects.filter(locale=self.english).exclude(iati_identifier="")
        }
        for start in range(0, len(activities), BATCH):
            with transaction.atomic():
                for activity in activities[start : start + BATCH]:
                    self.one(activity, existing.get(activity.identifier))
            if progress:
                progress(min(start + BATCH, len(activities)), len(activities))
        return self.report

    def one(self, activity, project):
        label = {"identifier": activity.identifier, "title": activity.title, "position": activity.position}
        if activity.skip_reason:
            self.report.skipped.append({**label, "reason": activity.skip_reason})
            return
        if activity.identifier in self.seen:
            self.report.skipped.append(
                {**label, "reason": _("The file has this identifier twice; the first was read.")}
            )
            return
        self.seen.add(activity.identifier)
        if project is not None and project.source_digest == activity.digest:
            self.report.unchanged.append(label)
            return
        created = project is None
        if created:
            project = Project(locale=self.english, iati_identifier=activity.identifier, slug=self.new_slug(activity))
        changed = self.apply(activity, project)
        project.source_digest = activity.digest
        # Wagtail would rebuild the project's reference index once per child relation saved; once is enough.
        with disable_reference_index_auto_update():
            project.save()
        ReferenceIndex.create_or_update_for_object(project)
        if created:
            self.report.created.append(label)
        elif changed:
            self.report.updated.append({**label, "fields": changed})
            self.sync_translations(project)
        else:
            self.report.unchanged.append(label)

    def new_slug(self, activity):
        base = slugify(activity.identifier)[:110] or "project"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def usd(self, amount, currency, day):
        rate, _day = self.rates.rate(currency, day)
        if rate is None:
            warning = _("No exchange rate for %(currency)s: amounts in it have no US dollar value.") % {
                "currency": currency
            }
            if warning not in self.report.warnings:
                self.report.warnings.append(warning)
            return None
        return (amount * rate).quantize(CENT)

    def apply(self, activity, project):
        """Set what the file says on `project`; the names of the fields that changed."""
        before = {name: getattr(project, name) for name in SCALARS}
        project.title = activity.title[:250]
        project.description = activity.description
        project.status = activity.status if activity.status in Project.Status.values else project.status
        for name in ("planned_start", "planned_end", "actual_start", "actual_end"):
            setattr(project, name, activity.dates.get(name))
        project.sectors = " ".join(sorted(set(activity.sectors)))[:250]
        self.apply_budget(activity, project)
        changed = [name for name in SCALARS if getattr(project, name) != before[name]]

        finances = [
            Finance(
                kind=amount.kind,
                year=amount.year,
                amount=amount.value.quantize(CENT),
                currency=amount.currency,
                amount_usd=self.usd(amount.value, amount.currency, amount.value_date),
                imported=True,
            )
            for amount in activity.amounts
        ]
        if self.replace_imported(project, "finances", finances, ("kind", "year", "amount", "currency", "amount_usd")):
            changed.append("finances")
        participants = []
        for organisation in activity.organisations:
            stakeholder = self.matcher.stakeholder(organisation)
            if stakeholder is None:
                self.report.unmatched.append(
                    {"identifier": activity.identifier, "name": organisation.name, "ref": organisation.ref}
                )
            participants.append(
                Participant(
                    stakeholder=stakeholder,
                    name="" if stakeholder else organisation.name[:250],
                    iati_ref=organisation.ref[:100],
                    role=organisation.role
                    if organisation.role in Participant.Role.values
                    else Participant.Role.FUNDING,
                    imported=True,
                )
            )
        if self.replace_imported(project, "participants", participants, ("stakeholder_id", "name", "iati_ref", "role")):
            changed.append("participants")
        regions = self.matcher.regions_in(activity.locations)
        current = set(project.regions.all()) if project.pk else set()
        if regions - current:
            project.regions = list(current | regions)
            changed.append("regions")
        return changed

    def apply_budget(self, activity, project):
        budgets = [amount for amount in activity.amounts if amount.kind == "budget"]
        if not budgets:
            return
        currencies = {amount.currency for amount in budgets}
        in_usd = [self.usd(amount.value, amount.currency, amount.value_date) for amount in budgets]
        project.budget_usd = sum(in_usd) if None not in in_usd else None
        if len(currencies) == 1:
            project.currency = currencies.pop()
            project.budget = sum(amount.value for amount in budgets).quantize(CENT)
            first = min(budgets, key=lambda amount: amount.value_date)
            project.usd_rate, project.usd_rate_date = self.rates.rate(project.currency, first.value_date)
        else:
            # Several currencies add up only in dollars.
            project.currency, project.budget = "USD", project.budget_usd
            project.usd_rate, project.usd_rate_date = Decimal(1), None

    @staticmethod
    def replace_imported(project, relation, rows, compared):
        """Replace the imported children of `relation` with `rows`, keeping editors' own; True if they differ."""
        current = list(getattr(project, relation).all()) if project.pk else []
        kept = [row for row in current if not row.imported]

        def key(row):
            return tuple(getattr(row, name) for name in compared)

        if sorted(map(key, (row for row in current if row.imported)), key=str) == sorted(map(key, rows), key=str):
            return False
        setattr(project, relation, kept + rows)
        return True

    def sync_translations(self, project):
        for translation in Project.objects.filter(translation_key=project.translation_key).exclude(pk=project.pk):
            copy_synchronised_fields(project, translation)
            with disable_reference_index_auto_update():
                translation.save()
            ReferenceIndex.create_or_update_for_object(translation)
