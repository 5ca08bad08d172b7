"""Public "Căn cứ pháp lý" page (no login): the legal texts the product cites, their dates and
the rules and parameters citing each (vinhdanh.catalogue.legal)."""

from __future__ import annotations

from django.shortcuts import render

from vinhdanh.catalogue.legal import legal_index


def legal_texts(request):
    return render(request, "portal/legal_texts.html", {"entries": legal_index()})
