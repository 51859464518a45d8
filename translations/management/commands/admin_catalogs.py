"""Our Tajik catalogs for Wagtail, wagtail-localize and django-allauth: how far they go, and adding to them.

manage.py admin_catalogs                  coverage per package, translated/total strings
manage.py admin_catalogs --add FILE.tsv   one "English<TAB>Tajik" per line ("one ||| many" for plurals),
                                          written to every package catalog that has the string
manage.py admin_catalogs --missing wagtail
                                          the package's strings still in English, for a translator
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from translations import catalogs


class Command(BaseCommand):
    help = "Report or extend the Tajik catalogs of the packages the admin is made of."

    def add_arguments(self, parser):
        parser.add_argument("--add", metavar="FILE")
        parser.add_argument("--missing", metavar="PACKAGE", choices=catalogs.PACKAGES)

    def handle(self, *args, add=None, missing=None, **options):
        if add:
            self.add(add)
        if missing:
            for domain in catalogs.DOMAINS:
                done = {entry.msgid for entry in catalogs.our_catalog(missing, domain) if catalogs.translated(entry)}
                for msgid in sorted(catalogs.package_msgids(missing, domain) - done):
                    self.stdout.write(msgid.replace("\n", "\\n"))
            return
        self.stdout.write(f"{'package':<18}{'domain':<10}{'translated':>12}{'total':>8}{'share':>8}")
        for row in catalogs.coverage():
            self.stdout.write(f"{row.package:<18}{row.domain:<10}{row.translated:>12}{row.total:>8}{row.share:>8.1%}")

    def add(self, path):
        pending = {}
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    english, tajik = line.rstrip("\n").split("\t")
                except ValueError:
                    raise CommandError(f"{path}:{number}: expected English<TAB>Tajik") from None
                pending[english.replace("\\n", "\n")] = [form.strip(" ") for form in tajik.split("|||")]
        unknown = set(pending)
        for package in catalogs.PACKAGES:
            for domain in catalogs.DOMAINS:
                known = catalogs.package_msgids(package, domain)
                plurals = catalogs.plural_msgids(package, domain)
                here = {}
                for english, forms in pending.items():
                    if english not in known:
                        continue
                    here[english] = (forms * 2)[:2] if english in plurals else forms[0]
                if here:
                    added = catalogs.add_translations(package, domain, here)
                    unknown -= set(here)
                    self.stdout.write(f"{package} ({domain}): {len(here)} strings, {added} new")
        for english in sorted(unknown):
            self.stderr.write(f"no package has {english!r}")
        call_command("compilemessages", locale=[catalogs.LANGUAGE], ignore_patterns=[".venv/*", "tmp/*"], verbosity=0)
