from django.urls import path

from hoso.catalogs import views

app_name = "catalogs"
urlpatterns = [
    path("lookup/<str:kind>/", views.lookup, name="lookup"),
]
