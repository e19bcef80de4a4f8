from django.urls import path

from . import demo_apps, views

urlpatterns = [
    path("ban-lam-viec/", views.desk, name="desk"),
    path("ban-lam-viec/bai-phat-bieu/them/", views.speech_add, name="desk_speech_add"),
    path("ban-lam-viec/bai-phat-bieu/<int:pk>/sua/", views.speech_edit, name="desk_speech_edit"),
    path("ung-dung-mau/<int:number>/", demo_apps.demo_application, name="desk_demo_application"),
    path("ung-dung-mau/<int:number>/dem/", demo_apps.demo_count, name="desk_demo_count"),
]
