from django.urls import path

from hoso.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/<uuid:uid>/", views.unit_detail, name="unit_detail"),
    path("units/<uuid:uid>/children/", views.unit_children, name="unit_children"),
]
