from django.urls import path

from hoso.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.deadlines, name="deadlines"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<uuid:uid>/open/", views.notification_open, name="notification_open"),
    path("units/<uuid:uid>/", views.unit_dashboard, name="unit_dashboard"),
    path("province/", views.province_dashboard, name="province_dashboard"),
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<uuid:uid>/", views.round_detail, name="round_detail"),
    path("rounds/<uuid:uid>/respond/<uuid:person_uid>/", views.round_respond, name="round_respond"),
]
