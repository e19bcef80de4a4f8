"""``WAGTAIL_FINISH_WORKFLOW_ACTION``: what a finished workflow does (Wagtail imports this while its own
models load, so nothing is imported here at module level)."""


def finish_workflow(workflow_state, user=None) -> None:
    """A finished workflow publishes its page. QT-07's B6 was already checked by
    ``intranet.moderation.services`` (its holders may be the IT staff of a unit up the tree, who edit
    no page of the ward's site), so Wagtail's page permission is not asked again; other workflows
    keep Wagtail's own check."""
    from .services import WORKFLOW_NAME

    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=workflow_state.workflow.name == WORKFLOW_NAME)
