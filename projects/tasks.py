"""IATI imports run as a background task, so a large file never holds a web request; the admin shows progress."""

from django.utils import translation
from django_tasks import task

from . import iati
from .importing import import_file
from .models import ImportRun


@task()
def run_import(run_id, language):
    # Only the run that is still waiting: a retried task never imports a file twice.
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING
    )
    if not claimed:
        return
    run = ImportRun.objects.get(pk=run_id)

    def progress(done, total):
        ImportRun.objects.filter(pk=run_id).update(done=done, total=total)

    with translation.override(language):
        try:
            report = import_file(bytes(run.source), progress=progress)
        except iati.Refused as refusal:
            run.status, run.report = ImportRun.Status.FAILED, {"refused": str(refusal)}
        else:
            run.status, run.report = ImportRun.Status.DONE, report.as_dict()
    run.source = b""
    run.save(update_fields=["status", "report", "source"])
