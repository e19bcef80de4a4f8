def group(response, key: str):
    """The result group of one type on a search page response."""
    return next(g for g in response.context["groups"] if g.type.key == key)
