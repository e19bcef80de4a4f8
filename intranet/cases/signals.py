"""When an administrator adds a holiday or a make-up day, every open deadline moves."""


def move_open_deadlines(sender, day=None, **kwargs):
    # In the administrator's own transaction: the new day is visible to the calendar,
    # and if saving it fails the deadlines stay as they were.
    from .services import recompute_open_deadlines

    recompute_open_deadlines()
