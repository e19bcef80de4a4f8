from django.urls import path

from . import views

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("ngon-ngu/<str:language_code>/", views.language_home, name="language_home"),
]
