"""Keep files where their access rule says: renditions follow their image's collection restrictions.

A rendition's location (public store or private) is chosen when it is made.
When a collection gains or loses a view restriction, or an image moves to
another collection, the existing renditions are deleted (with their files) and
made again on next use in the right place.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from .access import forget_collection_restrictions


def purge_renditions(collection):
    subtree = Collection.objects.filter(Q(path__startswith=collection.path))
    Image = get_image_model()
    Image.get_rendition_model().objects.filter(image__collection__in=subtree).delete()


def restriction_changed(sender, instance, **kwargs):
    forget_collection_restrictions()
    purge_renditions(instance.collection)


def collections_changed(sender, **kwargs):
    forget_collection_restrictions()


def remember_collection(sender, instance, **kwargs):
    instance._old_collection_id = (
        sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first() if instance.pk else None
    )


def image_saved(sender, instance, created, **kwargs):
    old = getattr(instance, "_old_collection_id", None)
    if not created and old is not None and old != instance.collection_id:
        instance.renditions.all().delete()


def document_deleted(sender, instance, **kwargs):
    if instance.preview:
        instance.preview.storage.delete(instance.preview.name)


def register():
    Image = get_image_model()
    post_save.connect(restriction_changed, sender=CollectionViewRestriction)
    post_delete.connect(restriction_changed, sender=CollectionViewRestriction)
    # A restriction's groups, and new collections under a restricted one, change what it covers.
    m2m_changed.connect(collections_changed, sender=CollectionViewRestriction.groups.through)
    post_save.connect(collections_changed, sender=Collection)
    post_delete.connect(collections_changed, sender=Collection)
    pre_save.connect(remember_collection, sender=Image)
    post_save.connect(image_saved, sender=Image)
    post_delete.connect(document_deleted, sender=get_document_model())
