from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("hoso.api.urls")),
    path("accounts/", include("hoso.accounts.urls")),
    path("catalogs/", include("hoso.catalogs.urls")),
    path("people/", include("hoso.people.urls")),
    path("", include("hoso.organisations.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
