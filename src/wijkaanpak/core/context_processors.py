from wijkaanpak.accounts.permissions import can_import_areas, can_open_admin_site, has_start_page


def roles(request):
    """What the menu of every page shows, as ``accounts.permissions`` decides it (templates
    never compare roles themselves)."""
    user = request.user
    return {
        "menu_start_page": has_start_page(user),
        "menu_imports": can_import_areas(user),
        "menu_admin_site": can_open_admin_site(user),
    }
