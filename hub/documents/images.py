import os

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image, WagtailImageField, get_upload_to

from .storage import RESTRICTED_PREFIX, private_storage


class HubImage(AbstractImage):
    """The site's image model, swapped in from the first migration.

    Images are shared by all locales: alt text that needs translating is given
    where an image is used (for example `HomePage.hero_image_alt` or Wagtail's
    `ImageBlock`), so it travels with the page's translation.

    Originals stay in the private store: pages only ever show renditions, and
    an original of an image in a restricted collection must not have a public URL.
    """

    file = WagtailImageField(
        _("file"), upload_to=get_upload_to, storage=private_storage, width_field="width", height_field="height"
    )

    admin_form_fields = Image.admin_form_fields

    @property
    def is_restricted(self):
        from .access import blocked_collection_ids_for_anonymous

        return self.collection_id in blocked_collection_ids_for_anonymous()


class HubRendition(AbstractRendition):
    image = models.ForeignKey(HubImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    def get_upload_to(self, filename):
        # hub.documents.storage.RoutedStorage keeps "restricted/…" names in the private store.
        name = super().get_upload_to(filename)
        return os.path.join(RESTRICTED_PREFIX, name) if self.image.is_restricted else name
