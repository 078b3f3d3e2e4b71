from django.urls import path

from wijkaanpak.initiatives import views

app_name = "initiatives"
urlpatterns = [
    # public
    path("initiatieven/", views.initiative_list, name="list"),
    path("initiatieven.csv", views.initiative_list_csv, name="list_csv"),
    path("initiatief/<int:pk>/", views.initiative_detail, name="detail"),
    path("hulpvraag/<int:pk>/helpen/", views.pledge_create, name="pledge"),
    # staff (district manager, admin) and the initiative's coordinator
    path("wijk/<str:code>/initiatief/nieuw/", views.initiative_create, name="create"),
    path("initiatief/<int:pk>/bewerken/", views.initiative_edit, name="edit"),
    path("initiatief/<int:pk>/voucher/", views.voucher_issue, name="voucher_issue"),
    path("initiatief/<int:pk>/uitgave/", views.spending_add, name="spending_add"),
    path("uitgave/<int:pk>/bon/", views.receipt_download, name="receipt"),
    path("initiatief/<int:pk>/bericht/", views.update_post, name="update_post"),
    path("initiatief/<int:pk>/onderdeel/", views.milestone_create, name="milestone_create"),
    path("onderdeel/<int:pk>/bewerken/", views.milestone_edit, name="milestone_edit"),
    path("initiatief/<int:pk>/hulpvraag/", views.need_create, name="need_create"),
    path("hulpvraag/<int:pk>/bewerken/", views.need_edit, name="need_edit"),
    path("initiatief/<int:pk>/toezeggingen/", views.pledge_list, name="pledges"),
    path("toezegging/<int:pk>/nagekomen/", views.pledge_fulfilled, name="pledge_fulfilled"),
    path("toezegging/<int:pk>/verwijderen/", views.pledge_delete, name="pledge_delete"),
]
