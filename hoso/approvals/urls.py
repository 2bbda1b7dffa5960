from django.urls import path

from hoso.approvals import views

app_name = "approvals"

urlpatterns = [
    path("mine/", views.my_changes, name="my_changes"),
    path("review/", views.review_queue, name="review_queue"),
    path("approve/", views.approval_queue, name="approval_queue"),
    path("approve/batch/", views.batch_approve, name="batch_approve"),
    path("batches/<uuid:uid>/", views.batch_result, name="batch_result"),
    path("changes/<uuid:uid>/submit/", views.submit, name="submit"),
    path("changes/<uuid:uid>/return/", views.return_for_correction, name="return"),
    path("changes/<uuid:uid>/forward/", views.forward, name="forward"),
    path("changes/<uuid:uid>/approve/", views.approve, name="approve"),
]
