from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from intranet.notifications.birthdays import birthdays_for
from intranet.notifications.models import Notification
from intranet.notifications.services import unread_count

from . import blocks
from .shared_apps import shared_apps_for


@login_required
def desk(request):
    """The officer's home after login (SPEC §8)."""
    user = request.user
    today = timezone.localdate()
    unread = list(Notification.objects.filter(recipient=user, read_at__isnull=True)[:8])
    context = {
        "work": blocks.work_with_badges(user),
        "alerts": unread,
        "unread_count": unread_count(user),
        "birthdays": birthdays_for(user, today),
        "boards": blocks.boards_of(user),
        "speeches": blocks.speeches_of(user),
        "digest": blocks.press_digest(user, today),
        "shared_apps": shared_apps_for(user),
        "today": today,
    }
    return render(request, "desk/desk.html", context)
