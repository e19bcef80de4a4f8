from django import template

from intranet.accounts.names import display_name

register = template.Library()


vn_name = display_name  # family name first (Tôn Thất Long), the login name when there is none
register.filter("vn_name", vn_name)
