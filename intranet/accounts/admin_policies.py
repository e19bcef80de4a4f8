"""Wagtail permission policies built on the permission layer (``permissions.py``)."""

from wagtail.permission_policies import BasePermissionPolicy

from .permissions import is_sysadmin


class SysadminOnly(BasePermissionPolicy):
    """Only the system administrator: for system-wide settings kept as models (the calendar's
    days off, the desk's shared applications)."""

    def user_has_permission(self, user, action):
        return is_sysadmin(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.model._default_manager.all() if is_sysadmin(user) else self.model._default_manager.none()
