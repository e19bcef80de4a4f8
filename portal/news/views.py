"""The two editorial moves between sites: a unit offers news up, the portal board republishes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.accounts.models import Role
from intranet.accounts.permissions import has_role, is_sysadmin
from intranet.units.models import Unit

from . import services
from .models import ArticlePage


@login_required
@require_POST
def offer_up(request, pk: int):
    article = get_object_or_404(ArticlePage.objects.select_related("unit"), pk=pk)
    try:
        services.offer_up(article, request.user)
    except services.NewsRefused as error:
        raise PermissionDenied(str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(request.POST.get("next") or "/ban-bien-tap/de-xuat-len-cong/", permanent=False)
    messages.success(request, _("Đã đề xuất tin, bài lên Cổng thông tin điện tử tỉnh."))
    return redirect(request.POST.get("next") or article.url)


def _may_pick(user) -> bool:
    province = Unit.objects.filter(depth=1).first()
    return is_sysadmin(user) or (province is not None and has_role(user, province, Role.PORTAL_BOARD))


@login_required
def offered(request):
    """The portal board's queue of unit news offered up ("đề xuất lên Cổng")."""
    if not _may_pick(request.user):
        raise PermissionDenied(_("Chỉ Ban biên tập Cổng được chọn tin, bài để đăng lại trên Cổng."))
    return render(request, "news/offered.html", {"articles": services.offered_queue()[:100]})


@login_required
@require_POST
def republish(request, pk: int):
    article = get_object_or_404(ArticlePage.objects.select_related("unit"), pk=pk)
    try:
        copy = services.republish(article, request.user)
    except services.NewsRefused as error:
        raise PermissionDenied(str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("news-offered")
    messages.success(request, _("Đã đăng lại trên Cổng: %(title)s") % {"title": copy.title})
    return redirect("news-offered")
