"""Where uploaded files live: a public store the web server or CDN may serve, and a private one it must not.

- Documents, original images and document previews go to the private store:
  their access can change after upload, so nothing there ever has a public
  URL; Django checks the right on every request (`hub.documents.media`).
- Everything else goes through the default storage, `RoutedStorage`: to the
  public store (`MEDIA_URL`, cacheable, CDN-friendly) except names under
  PRIVATE_PREFIXES. Renditions of images in a restricted collection are named
  `restricted/…`; Wagtail's multiple uploader parks files in `wagtail_uploads/`
  until their metadata is filled in. Both stay private.
"""

import os
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

RESTRICTED_PREFIX = "restricted/"
PRIVATE_PREFIXES = (RESTRICTED_PREFIX, "wagtail_uploads/")


class AtomicFileSystemStorage(FileSystemStorage):
    """A file is complete under its name or absent: never a truncated copy.

    Django's storage writes straight to the final name, so a full disk
    (ENOSPC) or a killed upload leaves a partial file behind. Here the bytes go
    to a hidden temporary file in the same directory, which is linked to its
    final name only once everything is written and flushed; on any error it is
    removed.
    """

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            while True:
                try:
                    os.link(temporary, full_path)  # atomic, and fails rather than overwrite
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                    full_path = self.path(name)
        finally:
            os.unlink(temporary)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        return str(name).replace("\\", "/")


class PrivateFileSystemStorage(AtomicFileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which has no URL: only permission-checked views read them."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL.")


def private_storage():
    """The private store (STORAGES["private"]); a callable so models and migrations do not freeze it."""
    return storages["private"]


@deconstructible
class RoutedStorage(Storage):
    """The default storage: the public store, except names under PRIVATE_PREFIXES, which stay private."""

    def _backend(self, name):
        return storages["private" if str(name).startswith(PRIVATE_PREFIXES) else "public"]

    def _open(self, name, mode="rb"):
        return self._backend(name).open(name, mode)

    def _save(self, name, content):
        return self._backend(name).save(name, content)

    def get_available_name(self, name, max_length=None):
        return self._backend(name).get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self._backend(filename).generate_filename(filename)

    def delete(self, name):
        self._backend(name).delete(name)

    def exists(self, name):
        return self._backend(name).exists(name)

    def size(self, name):
        return self._backend(name).size(name)

    def path(self, name):
        return self._backend(name).path(name)

    def url(self, name):
        if str(name).startswith(RESTRICTED_PREFIX):
            return reverse("restricted_rendition", args=[name.removeprefix(RESTRICTED_PREFIX)])
        return self._backend(name).url(name)
