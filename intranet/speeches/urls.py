from django.urls import path

from . import views

app_name = "speeches"

urlpatterns = [
    path("bai-phat-bieu/", views.speech_list, name="list"),
    path("bai-phat-bieu/them/", views.add, name="add"),
    path("bai-phat-bieu/cua-toi/", views.mine, name="mine"),
    path("bai-phat-bieu/<int:pk>/", views.speech_detail, name="detail"),
]
