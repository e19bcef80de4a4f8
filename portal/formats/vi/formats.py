"""Dates as Vietnamese offices write them: 05/12/2026 is the fifth of December.

Django's own ``vi`` formats set how dates print but not how they are read, so forms fell back to
the American month-first reading. Only the input formats live here; the rest stays Django's.
ISO comes first because a widget writes its value in the first format, and the browsers'
``<input type="date">`` accepts only ISO; day-first is the only other reading of slashes.
"""

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
    "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d/%m/%Y",
]
