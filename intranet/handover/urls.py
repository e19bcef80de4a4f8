from django.urls import path

from . import views

app_name = "handover"

urlpatterns = [
    path("phan-cong-lai/<slug:kind>/<int:pk>/", views.reassign, name="reassign"),
]
