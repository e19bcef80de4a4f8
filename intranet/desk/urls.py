from django.urls import path

from . import views

urlpatterns = [
    path("ban-lam-viec/", views.desk, name="desk"),
]
