from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from vinhdanh.accounts.permissions import get_scoped_or_404
from vinhdanh.orgs.models import Person, Unit


@login_required
def person_profile(request, pk):
    person = get_scoped_or_404(Person.objects.select_related("unit"), request.user, pk=pk)
    return render(request, "registry/person_profile.html", {"person": person})


@login_required
def unit_profile(request, pk):
    unit = get_scoped_or_404(Unit.objects.all(), request.user, path_field="path", pk=pk)
    return render(request, "registry/unit_profile.html", {"unit": unit})
