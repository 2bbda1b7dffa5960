from django.urls import URLPattern, path

from hoso.quality import views

app_name = "quality"

urlpatterns: list[URLPattern] = [
    path("", views.province_quality, name="province"),
    path("units/<uuid:uid>/", views.unit_quality, name="unit"),
    path("units/<uuid:uid>/run/", views.unit_run, name="unit_run"),
    path("people/<uuid:uid>/panel/", views.person_panel, name="person_panel"),
]
