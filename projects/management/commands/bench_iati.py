import time

from django.core.management.base import BaseCommand

from projects.importing import import_file
from projects.models import Project
from projects.synthetic import PREFIX, iati_file


class Command(BaseCommand):
    help = (
        "Time the IATI import of N synthetic activities: a first import (all created), the same file again "
        "(all unchanged) and an update (one in ten changed). A measurement, not a test; removes them afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--activities", type=int, default=2000)
        parser.add_argument("--keep", action="store_true", help="Leave the synthetic projects in the registry.")

    def handle(self, *args, activities, keep, **options):
        first, again, update = iati_file(activities), iati_file(activities), iati_file(activities, revision=1)
        self.stdout.write(f"{activities} activities, {len(first) / 1024 / 1024:.1f} MB")
        for label, data in (("first import", first), ("same file again", again), ("one in ten changed", update)):
            started = time.perf_counter()
            report = import_file(data)
            seconds = time.perf_counter() - started
            self.stdout.write(
                f"{label}: {seconds:.1f} s ({activities / seconds:.0f} activities/s): {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged"
            )
        if not keep:
            Project.objects.filter(iati_identifier__startswith=PREFIX).delete()
