import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DNS_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def validate_dns_label(value: str) -> None:
    """A unit code becomes the hostname label of its site: sotc.hue.egov.vn."""
    if not _DNS_LABEL.match(value or ""):
        raise ValidationError(
            _(
                "Mã đơn vị “%(value)s” không hợp lệ: chỉ dùng chữ thường không dấu (a–z), "
                "chữ số và dấu gạch ngang, không bắt đầu hoặc kết thúc bằng dấu gạch ngang, "
                "tối đa 63 ký tự."
            ),
            code="invalid_code",
            params={"value": value},
        )
