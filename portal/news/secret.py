"""Whatever admin action would put a page marked mật live is refused with the reason, not a 500.

``ArticlePage.save`` refuses to put a secret page live (``SecretContentError``), whichever path tries:
the editor, a workflow's approval, disabling a workflow task (which moves its pages on to publication),
the scheduler. The editor's own path is refused earlier (``wagtail_hooks``); for every other admin POST
the view runs in a transaction, so a refusal undoes everything the request did, and the officer is sent
back with the regulation's reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import SecretContentError


class RefuseSecretPublishingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = reverse("wagtailadmin_home")

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.path.startswith(self.admin_prefix):
            return None
        try:
            with transaction.atomic():
                return view_func(request, *view_args, **view_kwargs)
        except SecretContentError as refusal:
            messages.error(request, " ".join(refusal.messages))
            back = request.META.get("HTTP_REFERER", "")
            safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
            return redirect(back if safe else self.admin_prefix)
