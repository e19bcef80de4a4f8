from django.urls import path

from . import views

urlpatterns = [
    path("ban-lam-viec/", views.desk, name="desk"),
    path("ban-lam-viec/bai-phat-bieu/them/", views.speech_add, name="desk_speech_add"),
    path("ban-lam-viec/bai-phat-bieu/<int:pk>/sua/", views.speech_edit, name="desk_speech_edit"),
]
