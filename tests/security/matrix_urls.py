"""The project's URLs plus two views nobody scoped: the matrix must fail on both (test_matrix.py)."""

from django.http import HttpResponse
from django.urls import path
from django.views import View

from intranet.directory.models import Person
from portal.urls import urlpatterns as project_urlpatterns


def unnamed_model(request, pk):
    return HttpResponse("?")


class PersonAddressView(View):
    """Shows anyone's home address: derived model, filled with Phú Xuân's officer, caught by the walk."""

    model = Person

    def get(self, request, pk):
        return HttpResponse(Person.objects.get(pk=pk).home_address)


# First: the admin's and the page tree's catch-alls would answer them otherwise.
urlpatterns = [
    path("thu-nghiem/<int:pk>/", unnamed_model, name="matrix_unscoped"),
    path("thu-nghiem/dia-chi/<int:pk>/", PersonAddressView.as_view(), name="matrix_leaky_person"),
    *project_urlpatterns,
]
