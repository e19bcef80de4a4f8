from django.urls import path

from . import views

urlpatterns = [
    path("chuong-trinh-cong-tac/", views.index, name="programs"),
    path("chuong-trinh-cong-tac/dang-ky/", views.register, name="program_register"),
    path("chuong-trinh-cong-tac/tong-hop/", views.aggregate, name="program_aggregate"),
    path("chuong-trinh-cong-tac/tinh/<int:pk>/", views.program_detail, name="program_detail"),
    path("chuong-trinh-cong-tac/tinh/<int:pk>/trinh/", views.program_submit, name="program_submit"),
    path("chuong-trinh-cong-tac/tinh/<int:pk>/ban-hanh/", views.program_issue, name="program_issue"),
    path("chuong-trinh-cong-tac/tinh/<int:pk>/bao-cao/", views.program_report, name="program_report"),
    path("chuong-trinh-cong-tac/nhiem-vu/<int:pk>/", views.task_report, name="program_task_report"),
    path("bao-cao-cong-tac/gui/", views.periodic_submit, name="periodic_submit"),
    path("bao-cao-cong-tac/tong-hop/", views.periodic_aggregate, name="periodic_aggregate"),
    path("bao-cao-cong-tac/tinh/soan/", views.province_report_draft, name="province_report_draft"),
    path("bao-cao-cong-tac/tinh/<int:pk>/", views.province_report, name="province_report"),
    path("bao-cao-cong-tac/tinh/<int:pk>/trinh/", views.province_report_submit, name="province_report_submit"),
    path("bao-cao-cong-tac/tinh/<int:pk>/ban-hanh/", views.province_report_issue, name="province_report_issue"),
]
