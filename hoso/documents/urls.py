from django.urls import path

from hoso.documents import views

app_name = "documents"

urlpatterns = [
    path("changes/<uuid:uid>/upload/", views.upload, name="upload"),
    path("<uuid:uid>/remove/", views.remove, name="remove"),
    path("<uuid:uid>/download/", views.download, name="download"),
]
