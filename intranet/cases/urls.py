from django.urls import path

from . import pdf_views, views

app_name = "cases"

urlpatterns = [
    # Public: App. V questions and answers, and the lookup for every kind of case (Đà Nẵng e-ward).
    path("hoi-dap/", views.answers, name="answers"),
    path("hoi-dap/gui-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/<str:code>/", views.answer_detail, name="answer"),
    path("tra-cuu/", views.lookup, name="lookup"),
    # Officers.
    path("ho-so/", views.case_list, name="list"),
    path("ho-so/su-co-cntt/bao-cao/", views.report_it, name="report_it"),
    path("ho-so/su-co-cntt/ghi-nhan-thay/", views.log_it_for_officer, name="log_it_for_officer"),
    path("ho-so/thong-ke/", views.dashboard, name="dashboard"),
    path("ho-so/y-kien-cu-tri/mau.xlsx", views.voter_template, name="voter_template"),
    path("ho-so/y-kien-cu-tri/nhap/", views.voter_import, name="voter_import"),
    path("ho-so/y-kien-cu-tri/them/", views.voter_enter, name="voter_enter"),
    path("ho-so/diem-bao/", views.press_digests, name="press_digests"),
    path("ho-so/diem-bao/tin/<int:pk>/giao/", views.pick_press_item, name="pick_press_item"),
    path("ho-so/diem-bao/<str:date>/", views.press_digest, name="press_digest"),
    path("ho-so/<str:code>/", views.case_detail, name="detail"),
    path("ho-so/<str:code>/xu-ly/<slug:action>/", views.case_action, name="action"),
    path("ho-so/<str:code>/in/<slug:slug>/", views.print_form, name="print"),
    path("ho-so/<str:code>/in/<slug:slug>/pdf/", pdf_views.form_pdf, name="print_pdf"),
    path("ho-so/<str:code>/tep/<int:pk>/", views.attachment, name="attachment"),
    path("ho-so/<str:code>/gia-han/", views.extension_request, name="extension"),
    path("ho-so/<str:code>/gia-han/<int:pk>/", views.extension_decide, name="extension_decide"),
]

# Issue 17: waiting for more (the clock pauses). Kept apart so the list above stays as it was.
from . import waiting_views  # noqa: E402

urlpatterns += [
    path("ho-so/<str:code>/cho-bo-sung/", waiting_views.wait, name="wait"),
    path("ho-so/<str:code>/tiep-tuc/", waiting_views.resume, name="resume"),
]
