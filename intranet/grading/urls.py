from django.urls import path

from . import views

app_name = "grading"

urlpatterns = [
    path("danh-gia/", views.index, name="index"),
    path("danh-gia/don-vi/<int:pk>/", views.unit_table, name="unit"),
    path("danh-gia/don-vi/<int:pk>/cong-viec/", views.unit_items, name="unit_items"),
    path("danh-gia/don-vi/<int:pk>/xlsx/", views.unit_workbook, name="unit_xlsx"),
    path("danh-gia/can-bo/<int:pk>/", views.evaluation, name="officer"),
]
