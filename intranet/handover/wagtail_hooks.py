from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_handover_urls():
    return [path("chuyen-giao/chia-tach/<int:pk>/", admin_views.distribute_view, name="handover_split")]
