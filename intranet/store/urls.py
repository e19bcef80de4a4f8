from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "store"

urlpatterns = [
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/store/receive/", views.receive_view, name="receive"),
    *(path(f"api/v1/store/{name}/", view, {"channel": name}, name="channel") for name, view in views.channel_views()),
    path("api/v1/store/<slug:channel>/", views.unknown_channel, name="channel"),
]
