"""Signed links in emails: they act for the recipient without a sign-in, and only for what they name."""

from django.core import signing

CONFIRM_SALT = "notifications.confirm"
UNSUBSCRIBE_SALT = "notifications.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscription):
    return signing.dumps({"s": subscription.pk, "u": subscription.user_id}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    """{"s": subscription id, "u": user id}, or None when forged or older than a week."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None


def unsubscribe_token(notification):
    # No expiry: an unsubscribe link must work however old the email is.
    return signing.dumps(
        {"u": notification.user_id, "s": notification.subscription_id, "k": notification.kind}, salt=UNSUBSCRIBE_SALT
    )


def read_unsubscribe_token(token):
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
