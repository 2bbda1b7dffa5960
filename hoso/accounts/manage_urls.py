"""URLs of the account-management screens, under /accounts/manage/ (namespace "manage")."""

from django.urls import path

from hoso.accounts import manage_views as views

app_name = "manage"
urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("new/", views.account_create, name="account_create"),
    path("slip/<str:token>/", views.slip, name="slip"),
    path("units/<uuid:uid>/bulk/", views.bulk_create, name="bulk_create"),
    path("roles/capabilities/", views.role_capabilities, name="role_capabilities"),
    path("delegations/", views.delegations, name="delegations"),
    path("delegations/<uuid:uid>/revoke/", views.delegation_revoke, name="delegation_revoke"),
    path("consents/", views.consent_list, name="consents"),
    path("consents/new/", views.consent_create, name="consent_create"),
    path("consents/<uuid:uid>/revoke/", views.consent_revoke, name="consent_revoke"),
    path("consents/<uuid:uid>/scan/", views.consent_scan, name="consent_scan"),
    path("lookup/people/", views.lookup_people, name="lookup_people"),
    path("lookup/accounts/", views.lookup_accounts, name="lookup_accounts"),
    path("<uuid:uid>/", views.account_detail, name="account"),
    path("<uuid:uid>/roles/", views.role_grant, name="role_grant"),
    path("<uuid:uid>/roles/<uuid:assignment_uid>/change/", views.role_change, name="role_change"),
    path("<uuid:uid>/roles/<uuid:assignment_uid>/revoke/", views.role_revoke, name="role_revoke"),
    path("<uuid:uid>/lock/", views.account_lock, name="account_lock"),
    path("<uuid:uid>/unlock/", views.account_unlock, name="account_unlock"),
    path("<uuid:uid>/password/", views.password_reset, name="password_reset"),
    path("<uuid:uid>/holder/", views.holder_assign, name="holder_assign"),
]
