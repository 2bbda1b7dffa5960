from django.urls import path

from hoso.signing import views

app_name = "signing"

urlpatterns = [
    path("people/<uuid:uid>/verification/", views.verify, name="verify"),
    path("people/<uuid:uid>/bundle/", views.bundle, name="bundle"),
    path("people/<uuid:uid>/versions/<int:number>/signature/", views.version_summary, name="version_summary"),
    path("certificates/", views.my_certificates, name="my_certificates"),
    path("certificates/<uuid:uid>/revoke/", views.revoke, name="revoke"),
    path("accounts/<uuid:uid>/", views.account_certificates, name="account_certificates"),
    path("accounts/<uuid:uid>/local/", views.add_local, name="add_local"),
    path("accounts/<uuid:uid>/remote/", views.add_remote, name="add_remote"),
]
