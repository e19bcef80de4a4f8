from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("danh-ba/", views.public_tree, name="tree"),
    path("danh-ba/ca-nhan/", views.my_contacts, name="my_contacts"),
    path("danh-ba/nhap/", views.import_people, name="import"),
    path("danh-ba/can-bo/<int:pk>/thoi-cong-tac/", views.end_service, name="end_service"),
    path("danh-ba/<slug:code>/lich-su/", views.history, name="history"),
    path("danh-ba/<slug:code>/xuat.<str:fmt>", views.export, name="export"),
    path("danh-ba/<slug:code>/", views.public_unit, name="unit"),
]
