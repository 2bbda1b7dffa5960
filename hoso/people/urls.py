from django.urls import path

from hoso.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("<uuid:uid>/", views.person_detail, name="detail"),
    path("<uuid:uid>/versions/", views.versions, name="versions"),
    path("<uuid:uid>/versions/<int:number>/", views.version_detail, name="version_detail"),
    path("<uuid:uid>/as-of/", views.record_as_of, name="as_of"),
    path("<uuid:uid>/changes/start/", views.change_set_start, name="change_set_start"),
    path("changes/new/", views.change_set_new, name="change_set_new"),
    path("changes/<uuid:uid>/", views.change_set_edit, name="change_set_edit"),
    path("changes/<uuid:uid>/diff/", views.change_set_diff, name="change_set_diff"),
    path("changes/<uuid:uid>/apply/", views.change_set_apply, name="change_set_apply"),
    path("changes/<uuid:uid>/withdraw/", views.change_set_withdraw, name="change_set_withdraw"),
    path("changes/<uuid:uid>/sections/<slug:section>/rows/<str:row>/", views.change_set_row, name="change_set_row"),
    path(
        "changes/<uuid:uid>/sections/<slug:section>/rows/<str:row>/remove/",
        views.change_set_row_remove,
        name="change_set_row_remove",
    ),
]
