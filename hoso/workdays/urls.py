from django.urls import URLPattern, path

from hoso.workdays import views

app_name = "workdays"

urlpatterns: list[URLPattern] = [
    path("", views.year, name="year"),
    path("overrides/add/", views.override_add, name="override_add"),
    path("overrides/<uuid:uid>/remove/", views.override_remove, name="override_remove"),
]
