from django.urls import path

from hoso.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.usage_log, name="usage"),
    path("my-record/", views.my_record_log, name="my_record"),
]
