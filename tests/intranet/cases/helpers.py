from intranet.cases.models import Case

HOST = {"HTTP_HOST": "localhost"}


def act(client, case, action, **data):
    """POST one action on the case page's form (fields carry the action's prefix)."""
    payload = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(f"/ho-so/{case.code}/xu-ly/{action}/", payload, **HOST)


def fresh(case) -> Case:
    return Case.objects.get(pk=case.pk)


def refused(response) -> bool:
    """A wrong person is refused: not found if they may not even see the case, forbidden if they may only look."""
    return response.status_code in (403, 404)
