"""Reading the IATI Activity Standard (versions 2.01–2.03): the XML donors publish about their projects.

`read(data)` checks a file and returns its activities as plain records, or
raises `Refused` with a message for the editor; nothing here touches the
database. The file is parsed by defusedxml, which refuses DTDs and entity
declarations, so an XML bomb or an external entity never expands.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
VERSIONS = {"2.01", "2.02", "2.03"}
COUNTRY = "TJ"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# DAC purpose codes of education: 111xx–114xx, or their three-digit categories 111–114.
EDUCATION = re.compile(r"^11[1-4](\d\d)?$")
DAC_VOCABULARIES = {"1": 5, "2": 3}
DATE_TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}
TRANSACTION_KINDS = {"2": "commitment", "3": "disbursement", "4": "expenditure"}


class Refused(Exception):
    """The file as a whole cannot be imported; the message says why, in the editor's language."""


@dataclass
class Amount:
    kind: str
    year: int
    value: Decimal
    currency: str
    value_date: datetime.date | None


@dataclass
class Organisation:
    ref: str
    name: str
    role: str


@dataclass
class Activity:
    identifier: str
    position: int
    titles: dict = field(default_factory=dict)
    descriptions: dict = field(default_factory=dict)
    status: str = ""
    dates: dict = field(default_factory=dict)
    currency: str = "USD"
    organisations: list = field(default_factory=list)
    amounts: list = field(default_factory=list)
    sectors: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    digest: str = ""
    skip_reason: str = ""

    def text(self, texts, language="en"):
        return texts.get(language) or texts.get("") or next(iter(texts.values()), "")

    @property
    def title(self):
        return self.text(self.titles)

    @property
    def description(self):
        return self.text(self.descriptions)


def read(data):
    """The activities of an IATI file (bytes), each with `skip_reason` set when it is not for the registry."""
    if len(data) > MAX_BYTES:
        raise Refused(
            _("The file is %(size)s MB; the largest accepted is %(limit)s MB. Split it by publisher or year.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise Refused(
            _("The file declares a document type or entities, which IATI files never do; it was not read.")
        ) from None
    except ParseError as error:
        line, column = error.position
        raise Refused(
            _("The file is not well-formed XML (line %(line)s, column %(column)s).") % {"line": line, "column": column}
        ) from None
    if root.tag != "iati-activities":
        raise Refused(_("This is XML but not an IATI activity file: its root element is not <iati-activities>."))
    version = root.get("version", "")
    if version not in VERSIONS:
        raise Refused(
            _("The file is IATI version %(version)s; versions 2.01, 2.02 and 2.03 are read.")
            % {"version": version or "?"}
        )
    language = root.get(XML_LANG, "en")
    return [activity(element, language, position) for position, element in enumerate(root.iter("iati-activity"), 1)]


def narratives(element, default_language):
    """{language: text} of an element's <narrative> children."""
    if element is None:
        return {}
    found = {}
    for narrative in element.findall("narrative"):
        text = " ".join((narrative.text or "").split())
        if text:
            found.setdefault(narrative.get(XML_LANG, default_language), text)
    return found


def parse_date(value):
    try:
        return datetime.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def parse_amount(value):
    try:
        amount = Decimal((value or "").strip())
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def activity(element, file_language, position):
    language = element.get(XML_LANG, file_language)
    found = Activity(
        identifier=" ".join((element.findtext("iati-identifier") or "").split()),
        position=position,
        titles=narratives(element.find("title"), language),
        currency=(element.get("default-currency") or "USD").upper(),
        digest=hashlib.sha256(tostring(element)).hexdigest(),
    )
    for description in element.findall("description"):
        if description.get("type", "1") == "1":
            found.descriptions = narratives(description, language)
            break
    status = element.find("activity-status")
    found.status = status.get("code", "") if status is not None else ""
    for date in element.findall("activity-date"):
        name = DATE_TYPES.get(date.get("type", ""))
        if name:
            found.dates[name] = parse_date(date.get("iso-date"))
    for org in element.findall("participating-org"):
        names = narratives(org, language)
        found.organisations.append(
            Organisation(ref=(org.get("ref") or "").strip(), name=found.text(names), role=org.get("role", ""))
        )
    read_amounts(element, found)
    for sector in element.findall("sector"):
        code = (sector.get("code") or "").strip()
        digits = DAC_VOCABULARIES.get(sector.get("vocabulary", "1"))
        if digits and len(code) == digits:
            found.sectors.append(code)
    for location in element.findall("location"):
        found.locations.extend(narratives(location.find("name"), language).values())
        found.locations.extend(narratives(location.find("description"), language).values())
    found.skip_reason = why_skipped(element, found)
    return found


def read_amounts(element, found):
    def value_of(parent, kind, date):
        value = parent.find("value")
        amount = parse_amount(value.text if value is not None else None)
        if amount is None or date is None:
            return None
        return Amount(
            kind=kind,
            year=date.year,
            value=amount,
            currency=(value.get("currency") or found.currency).upper(),
            value_date=parse_date(value.get("value-date")) or date,
        )

    budgets = element.findall("budget")
    # A revised budget replaces the original one for its period.
    revised = [budget for budget in budgets if budget.get("type") == "2"]
    for budget in revised or budgets:
        period = budget.find("period-start")
        amount = value_of(budget, "budget", parse_date(period.get("iso-date")) if period is not None else None)
        if amount:
            found.amounts.append(amount)
    for transaction in element.findall("transaction"):
        kind_element = transaction.find("transaction-type")
        kind = TRANSACTION_KINDS.get(kind_element.get("code", "") if kind_element is not None else "")
        date = transaction.find("transaction-date")
        amount = kind and value_of(transaction, kind, parse_date(date.get("iso-date")) if date is not None else None)
        if amount:
            found.amounts.append(amount)


def why_skipped(element, found):
    if not found.identifier:
        return _("It has no IATI identifier.")
    if not found.title:
        return _("It has no title.")
    countries = {(country.get("code") or "").upper() for country in element.findall("recipient-country")}
    if COUNTRY not in countries:
        return _("Tajikistan (TJ) is not among its recipient countries.")
    if not any(EDUCATION.match(code) for code in found.sectors):
        return _("None of its sectors is education (DAC 111–114).")
    return ""
