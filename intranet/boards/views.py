"""Public /ban-chi-dao/: boards with their members' names, positions and roles (no personal data)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import Board, BoardMember


def board_list(request):
    boards = Board.objects.filter(live=True).select_related("standing_unit").only(
        "name", "kind", "decision_number", "decision_date", "standing_unit__name", "standing_unit__code"
    )
    return render(request, "boards/board_list.html", {"boards": boards})


def board_detail(request, pk: int):
    members = BoardMember.objects.select_related("person__unit").only(
        "role", "duty", "board_id", "sort_order", "person__full_name", "person__position", "person__unit__name"
    )
    board = get_object_or_404(
        Board.objects.filter(live=True).select_related("standing_unit").prefetch_related(Prefetch("members", queryset=members), "documents__document"),
        pk=pk,
    )
    return render(request, "boards/board_detail.html", {"board": board})
