"""Who may see a document or an image: one rule for file URLs, lists, search and previews.

A document is visible when its access level admits the visitor (public:
everyone; members: anyone signed in; restricted: members of its groups) *and*
every view restriction on its collection (and the collection's ancestors)
admits the request. Editors who may change it in the admin see it anyway;
superusers see everything. Images have no access level: their collection's
view restrictions decide (stock Wagtail ignores those for images, wagtail#3880).

Lists call `visible_documents(request)`: a constant number of queries
whatever the number of documents, and filters every search backend
understands (access, collection and id).
"""

from django.core.cache import cache
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction
from wagtail.permissions import policy_registry

from home.pagecache import kept_here


def _memo(request):
    """What this request has already worked out, so each answer costs its queries once."""
    if not hasattr(request, "_hub_access"):
        request._hub_access = {}
    return request._hub_access


def editable_collection_ids(request, model):
    """Collections where the user may change `model` objects in the admin."""
    memo = _memo(request)
    key = ("editable", model._meta.label)
    if key not in memo:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            memo[key] = set()
        else:
            policy = policy_registry.get_by_type(model)
            memo[key] = set(policy.collections_user_has_permission_for(user, "change").values_list("pk", flat=True))
    return memo[key]


RESTRICTIONS_CACHE_KEY = "hub:collection-restrictions"
RESTRICTIONS_TTL = 60  # seconds


def collection_restrictions():
    """Every collection view restriction with the collections it covers, from the cache.

    Restrictions change rarely and are needed on every page that lists
    documents, so they are kept in the cache and dropped whenever a
    restriction or a collection changes (hub.documents.signal_handlers). With a
    per-process cache, other processes see a change within RESTRICTIONS_TTL:
    the same order of delay as a CDN's copy of a public file.
    """
    rows = cache.get(RESTRICTIONS_CACHE_KEY)
    if rows is None:
        rows = read_collection_restrictions()
        cache.set(RESTRICTIONS_CACHE_KEY, rows, RESTRICTIONS_TTL)
    return rows


def read_collection_restrictions():
    rows = []
    for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups"):
        rows.append(
            {
                "id": restriction.pk,
                "type": restriction.restriction_type,
                "groups": {group.pk for group in restriction.groups.all()},
                "collections": set(
                    Collection.objects.filter(path__startswith=restriction.collection.path).values_list("pk", flat=True)
                ),
            }
        )
    return rows


def forget_collection_restrictions():
    cache.delete(RESTRICTIONS_CACHE_KEY)


def _admits(row, request):
    """CollectionViewRestriction.accept_request, on the cached row."""
    if row["type"] == BaseViewRestriction.PASSWORD:
        return row["id"] in request.session.get(CollectionViewRestriction.passed_view_restrictions_session_key, [])
    if row["type"] == BaseViewRestriction.LOGIN:
        return request.user.is_authenticated
    if row["type"] == BaseViewRestriction.GROUPS:
        return bool(row["groups"] & user_group_ids(request))
    return True


def blocked_collection_ids(request):
    """Collections whose view restrictions (or an ancestor's) do not admit this request."""
    memo = _memo(request)
    if "blocked" not in memo:
        blocked = set()
        if not request.user.is_superuser:
            # Kept per content version (restrictions and collections are content): read from the database, not
            # the shared cache, whose copy may predate the change that made this version.
            for row in kept_here(request, "collection-restrictions", read_collection_restrictions):
                if not _admits(row, request):
                    blocked |= row["collections"]
        memo["blocked"] = blocked
    return memo["blocked"]


def blocked_collection_ids_for_anonymous():
    """Collections under any view restriction: what an anonymous visitor cannot see."""
    return set().union(*(row["collections"] for row in collection_restrictions()))


def user_group_ids(request):
    memo = _memo(request)
    if "groups" not in memo:
        user = request.user
        memo["groups"] = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    return memo["groups"]


def visible_documents(request, queryset=None):
    """The documents this request may see, as a queryset search backends can filter."""
    from .models import Access

    Document = get_document_model()
    queryset = Document.objects.all() if queryset is None else queryset
    user = request.user
    if user.is_active and user.is_superuser:
        return queryset
    editable = editable_collection_ids(request, Document)
    blocked = blocked_collection_ids(request) - editable
    allowed = Q(access=Access.PUBLIC)
    if user.is_authenticated:
        allowed |= Q(access=Access.MEMBERS)
        groups = user_group_ids(request)
        if groups:
            # Resolved to ids here: search backends filter on plain fields, not joins.
            restricted = Document.objects.filter(access=Access.RESTRICTED, groups__in=groups)
            allowed |= Q(pk__in=list(restricted.values_list("pk", flat=True).distinct()))
    if editable:
        allowed |= Q(collection_id__in=editable)
    queryset = queryset.filter(allowed)
    if blocked:
        queryset = queryset.exclude(collection_id__in=blocked)
    return queryset


def can_view_document(request, document):
    """The same rule as `visible_documents`, for one document already loaded."""

    user = request.user
    if user.is_active and user.is_superuser:
        return True
    if document.collection_id in editable_collection_ids(request, type(document)):
        return True
    if document.collection_id in blocked_collection_ids(request):
        return False
    return access_level_admits(request, document)


def access_level_admits(request, document):
    """The document's own access level (public, members, restricted to groups) admits this request."""
    from .models import Access

    if document.access == Access.PUBLIC:
        return True
    if not request.user.is_authenticated:
        return False
    if document.access == Access.MEMBERS:
        return True
    return document.groups.filter(pk__in=user_group_ids(request)).exists()


def password_restriction_for(request, document):
    """The shared-password restriction that alone keeps `document` from this request, if that is the case.

    Then the reader can be asked for the password; when anything else also
    stands in the way (its access level, a group restriction) they cannot.
    """
    rows = [row for row in collection_restrictions() if document.collection_id in row["collections"]]
    blocking = [row for row in rows if not _admits(row, request)]
    if not blocking or any(row["type"] != BaseViewRestriction.PASSWORD for row in blocking):
        return None
    if not access_level_admits(request, document):
        return None
    return CollectionViewRestriction.objects.filter(pk=blocking[0]["id"]).first()


def visible_document(request, document):
    """`document` if this request may see it, else None (for a single chosen document: minutes, a block)."""
    return document if document is not None and can_view_document(request, document) else None


def visible_images(request, queryset=None):
    """The images this request may see: the rule of `can_view_image`, as a queryset."""
    Image = get_image_model()
    queryset = Image.objects.all() if queryset is None else queryset
    if request.user.is_active and request.user.is_superuser:
        return queryset
    blocked = blocked_collection_ids(request) - editable_collection_ids(request, Image)
    return queryset.exclude(collection_id__in=blocked) if blocked else queryset


def can_view_image(request, image):
    user = request.user
    if user.is_active and user.is_superuser:
        return True
    if image.collection_id in editable_collection_ids(request, get_image_model()):
        return True
    return image.collection_id not in blocked_collection_ids(request)


def is_openly_served(document):
    """Public, in a collection nobody restricts: the same bytes for everyone, so a CDN may cache them."""
    from .models import Access

    return document.access == Access.PUBLIC and document.collection_id not in blocked_collection_ids_for_anonymous()


# Not Q(): an empty Q vanishes when OR-ed, and "everyone or superusers" would become "superusers".
EVERYONE = Q(pk__isnull=False)


def _audience(restrictions, groups=None):
    """Users admitted by every restriction in `restrictions` ((type, group ids) pairs) and, if given, in `groups`.

    A password restriction admits nobody by email (an email cannot carry the
    password); superusers are always included.
    """
    from django.contrib.auth import get_user_model

    def members_of(group_ids):
        return Q(pk__in=get_user_model().objects.filter(groups__in=group_ids).values("pk"))

    superusers = Q(is_superuser=True)
    allowed = EVERYONE if groups is None else members_of(groups)
    for restriction_type, group_ids in restrictions:
        if restriction_type == BaseViewRestriction.PASSWORD:
            return superusers
        if restriction_type == BaseViewRestriction.GROUPS:
            allowed &= members_of(group_ids)
    return allowed | superusers


def document_audience(document):
    """Who may see `document`, as a filter on users: the rule above, for everyone at once."""
    from .models import Access

    return _audience(
        [
            (row["type"], row["groups"])
            for row in collection_restrictions()
            if document.collection_id in row["collections"]
        ],
        groups=document.groups.all() if document.access == Access.RESTRICTED else None,
    )


def page_audience(page):
    """Who may see `page` (its and its ancestors' view restrictions), as a filter on users."""
    return _audience(
        (restriction.restriction_type, [group.pk for group in restriction.groups.all()])
        for restriction in page.get_view_restrictions().prefetch_related("groups")
    )
