from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "intranet.moderation"
    label = "moderation"
    verbose_name = _("Kiểm duyệt tin bài")

    def ready(self):
        from . import signals  # noqa: F401

        _silence_wagtail_workflow_emails_for_qt07()


def _silence_wagtail_workflow_emails_for_qt07() -> None:
    """QT-07 alerts go through intranet.notifications (Vietnamese, written first, retried).
    Wagtail's own workflow e-mails would send a second, English copy straight through send_mail,
    so its notifiers decline QT-07 workflow states (other workflows keep them)."""
    from wagtail.admin import signal_handlers

    def declines_qt07(original):
        def can_handle(instance, **kwargs):
            if not original(instance, **kwargs):
                return False
            from .services import WORKFLOW_NAME

            return getattr(getattr(instance, "workflow", None), "name", None) != WORKFLOW_NAME

        return can_handle

    for notifier in (
        signal_handlers.workflow_submission_email_notifier,
        signal_handlers.workflow_approval_email_notifier,
        signal_handlers.workflow_rejection_email_notifier,
    ):
        notifier.can_handle = declines_qt07(notifier.can_handle)
