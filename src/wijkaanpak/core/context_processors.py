from wijkaanpak.accounts.permissions import role_of


def roles(request):
    return {"user_role": role_of(request.user)}
