from django.urls import path

from . import views

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/chua-doc.json", views.unread, name="notifications_unread"),
    path("thong-bao/cai-dat/", views.preferences, name="notification_preferences"),
    path("thong-bao/da-doc/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification_open"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_mark_read, name="notification_mark_read"),
]
