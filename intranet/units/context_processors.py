def current_unit(request):
    return {"current_unit": getattr(request, "unit", None)}
