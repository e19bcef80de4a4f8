from django.urls import path

from . import views

app_name = "boards"

urlpatterns = [
    path("ban-chi-dao/", views.board_list, name="list"),
    path("ban-chi-dao/<int:pk>/", views.board_detail, name="detail"),
]
