from django.urls import path

from . import pdf_views, views

app_name = "moderation"
urlpatterns = [
    path("kiem-duyet/", views.my_items, name="mine"),
    path("kiem-duyet/bao-cao/", views.summary_report, name="summary"),
    path("kiem-duyet/mau-dang-ky/", views.registration_form, name="registration"),
    path("kiem-duyet/mau-dang-ky/dang-ky/", views.plan_posting, name="plan"),
    path("kiem-duyet/<int:pk>/", views.item_detail, name="item"),
    path("kiem-duyet/<int:pk>/thao-tac/", views.item_action, name="action"),
    path("kiem-duyet/<int:pk>/van-ban/", views.document, name="document"),
    path("kiem-duyet/<int:pk>/van-ban/pdf/", pdf_views.document_pdf, name="document_pdf"),
]
