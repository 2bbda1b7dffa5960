from django.urls import path

from hoso.security import views

app_name = "security"
urlpatterns = [
    path("two-factor/", views.two_factor_status, name="two_factor"),
    path("two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("report/", views.report, name="report"),
    path("report/sign-in/", views.report_public, name="report_public"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/<uuid:uid>/", views.incident_detail, name="incident_detail"),
    path("accounts/<uuid:uid>/", views.account_security, name="account"),
    path("accounts/<uuid:uid>/lock/", views.account_lock, name="account_lock"),
    path("accounts/<uuid:uid>/unlock/", views.account_unlock, name="account_unlock"),
    path("accounts/<uuid:uid>/reset-password/", views.account_reset_password, name="account_reset_password"),
    path("accounts/<uuid:uid>/reset-two-factor/", views.account_reset_two_factor, name="account_reset_two_factor"),
    path("accounts/<uuid:uid>/end-sessions/", views.account_end_sessions, name="account_end_sessions"),
]
