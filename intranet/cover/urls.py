from django.urls import path

from . import views

app_name = "cover"

urlpatterns = [
    path("ban-lam-viec/nghi-phep/", views.leaves, name="leaves"),
    path("ban-lam-viec/nghi-phep/<int:pk>/ket-thuc/", views.leave_end, name="leave_end"),
    path("ban-lam-viec/uy-quyen/", views.delegations, name="delegations"),
    path("ban-lam-viec/uy-quyen/<int:pk>/thu-hoi/", views.delegation_end, name="delegation_end"),
    path("ho-so/<str:code>/trung-lap/", views.duplicate, name="duplicate"),
]
