from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from wijkaanpak.areas.models import Area, AreaKind
from wijkaanpak.funding.selectors import money_matrix, money_matrix_csv
from wijkaanpak.projects.models import Project


@require_GET
def neighbourhood_budget(request, code: str):
    """Public, read-only: all money in a district, by party, domain and year (the buurtbegroting)."""
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    matrix = money_matrix(district)
    projects = (
        Project.objects.filter(district=district, budget_lines__isnull=False)
        .distinct()
        .order_by("title")
        .prefetch_related("budget_lines__funder")
    )
    return render(
        request,
        "funding/neighbourhood_budget.html",
        {"district": district, "matrix": matrix, "projects": projects},
    )


@require_GET
def neighbourhood_budget_csv(request, code: str):
    """Public open data: the same figures as the page, one row per funder × domain × year."""
    district = get_object_or_404(Area, code=code.upper(), kind=AreaKind.DISTRICT)
    response = HttpResponse(
        money_matrix_csv(money_matrix(district)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="buurtbegroting-{district.code}.csv"'
    return response
