from allauth.account import views as allauth_views
from django.urls import include, path

from . import views

urlpatterns = [
    # Password-free: the sign-in page asks for the address to send a code to (and offers the
    # identity providers); it shadows allauth's password form at the same address.
    path("login/", allauth_views.request_login_code, name="login"),
    path("logout/", allauth_views.logout, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/subscriptions/<int:pk>/", views.subscription_change, name="subscription_change"),
    path("profile/export/", views.export, name="account_export"),
    path("profile/delete/", views.delete_account, name="account_delete"),
    path("", include("allauth.urls")),
]
