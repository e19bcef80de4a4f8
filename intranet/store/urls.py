from django.urls import path

from . import views

app_name = "store"

urlpatterns = [
    path("api/v1/store/receive/", views.receive, name="receive"),
    path("api/v1/store/<slug:channel>/", views.channel_list, name="channel"),
]
