from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class HubImage(AbstractImage):
    """The site's image model, swapped in from the first migration.

    Images are shared by all locales: alt text that needs translating is given
    where an image is used (for example `HomePage.hero_image_alt` or Wagtail's
    `ImageBlock`), so it travels with the page's translation.
    """

    admin_form_fields = Image.admin_form_fields


class HubRendition(AbstractRendition):
    image = models.ForeignKey(HubImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
