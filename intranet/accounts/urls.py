from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", views.SharedLoginView.as_view(), name="login"),
    path("dang-nhap/ma-xac-thuc/", views.login_code, name="login_code"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.ChangePasswordView.as_view(), name="password_change"),
    path("tai-khoan/xac-thuc-hai-lop/", views.two_factor_settings, name="two_factor"),
]
