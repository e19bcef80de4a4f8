from django.urls import path

from . import views

app_name = "submissions"
urlpatterns = [
    path("gui-tin-bai/", views.submit, name="submit"),
    path("gui-tin-bai/da-gui/", views.thanks, name="thanks"),
]
