"""Synthetic IATI files for benchmarks: many activities shaped like the sample's, marked as synthetic."""

from xml.sax.saxutils import escape

DONORS = [("44000", "World Bank"), ("46004", "Asian Development Bank"), ("XI-IATI-EC_INTPA", "European Union")]
PLACES = ["Khatlon", "Sughd", "Dushanbe", "Gorno-Badakhshan Autonomous Region", "Districts of Republican Subordination"]
SECTORS = ["11120", "11130", "11220", "11240", "11330"]
PREFIX = "XX-SYNTHETIC-"


def activity(number, revision=0):
    ref, donor = DONORS[number % len(DONORS)]
    start = 2018 + number % 8
    budgets = "".join(
        f'<budget type="1"><period-start iso-date="{year}-01-01"/><period-end iso-date="{year}-12-31"/>'
        f'<value currency="USD" value-date="{year}-01-01">{100_000 + number + revision}</value></budget>'
        for year in range(start, start + 4)
    )
    return f"""<iati-activity default-currency="USD">
<iati-identifier>{PREFIX}{number:06d}</iati-identifier>
<title><narrative>[Synthetic] Education activity {number}</narrative></title>
<description type="1"><narrative>{escape("Synthetic activity for benchmarks & load tests.")}</narrative></description>
<participating-org ref="{ref}" role="1"><narrative>{donor}</narrative></participating-org>
<participating-org role="4"><narrative>Implementing partner {number % 40}</narrative></participating-org>
<activity-status code="2"/>
<activity-date iso-date="{start}-01-01" type="1"/><activity-date iso-date="{start + 3}-12-31" type="3"/>
<recipient-country code="TJ"/>
<location><name><narrative>{PLACES[number % len(PLACES)]}</narrative></name></location>
<sector vocabulary="1" code="{SECTORS[number % len(SECTORS)]}"/>
{budgets}
<transaction><transaction-type code="2"/><transaction-date iso-date="{start}-02-01"/>
<value currency="USD">400000</value></transaction>
<transaction><transaction-type code="3"/><transaction-date iso-date="{start}-12-01"/>
<value currency="USD">90000</value></transaction>
</iati-activity>"""


def iati_file(count, revision=0, changed_every=10):
    """An IATI 2.03 file of `count` activities; with `revision`, every `changed_every`-th activity's budget changes."""
    body = "\n".join(
        activity(number, revision if revision and number % changed_every == 0 else 0) for number in range(count)
    )
    header = '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
    return f"{header}{body}\n</iati-activities>\n".encode()
