from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects import iati
from projects.importing import import_file


class Command(BaseCommand):
    help = "Import IATI activity files (a file, or every .xml file in a folder) into the projects registry."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="IATI XML files or folders of them.")

    def handle(self, *args, paths, **options):
        self.verbosity = options["verbosity"]
        files = []
        for name in paths:
            path = Path(name)
            if path.is_dir():
                files += sorted(path.glob("*.xml"))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"No such file or folder: {name}")
        refused = 0
        for path in files:
            self.stdout.write(f"{path}:")
            try:
                report = import_file(path.read_bytes(), progress=self.progress)
            except iati.Refused as refusal:
                refused += 1
                self.stderr.write(f"  refused: {refusal}")
                continue
            self.stdout.write(
                f"  {len(report.created)} created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped"
            )
            for row in report.skipped:
                self.stdout.write(f"  skipped {row['identifier'] or '#' + str(row['position'])}: {row['reason']}")
            for row in report.unmatched:
                self.stdout.write(f"  organisation not in the directory: {row['name']} {row['ref']}".rstrip())
            for warning in report.warnings:
                self.stdout.write(f"  {warning}")
        if refused:
            raise CommandError(f"{refused} of {len(files)} files refused.")

    def progress(self, done, total):
        if self.verbosity:
            self.stdout.write(f"  {done}/{total} activities", ending="\r" if done < total else "\n")
