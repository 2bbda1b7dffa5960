from django.urls import path

from hoso.sso import views

app_name = "sso"
urlpatterns = [
    path("login/", views.login_with_provider, name="login"),
    path("callback/", views.callback, name="callback"),
    path("logout/", views.logout_at_provider, name="logout"),
]
