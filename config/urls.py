from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from hoso.security.views import admin_login

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's own sign-in form would skip the lock-out and the second factor: sign in on ours.
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("api/v1/", include("hoso.api.urls")),
    path("accounts/manage/", include("hoso.accounts.manage_urls")),
    path("accounts/", include("hoso.accounts.urls")),
    path("security/", include("hoso.security.urls")),
    path("sso/", include("hoso.sso.urls")),
    path("catalogs/", include("hoso.catalogs.urls")),
    path("people/", include("hoso.people.urls")),
    path("audit/", include("hoso.audit.urls")),
    path("documents/", include("hoso.documents.urls")),
    path("approvals/", include("hoso.approvals.urls")),
    path("signatures/", include("hoso.signing.urls")),
    path("calendar/", include("hoso.workdays.urls")),
    path("monitoring/", include("hoso.monitoring.urls")),
    path("quality/", include("hoso.quality.urls")),
    path("", include("hoso.organisations.urls")),
]
# Uploaded files (photos, scans of decisions) are personal data: they are never served as public media, not even in
# development; each is streamed by a view after the access policy's check.
