from django.urls import path

from . import statistics

app_name = "visits"
urlpatterns = [
    path("thong-ke-truy-cap/", statistics.visit_statistics, name="statistics"),
]
