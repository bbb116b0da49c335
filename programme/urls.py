from django.urls import path

from . import applicant_views, round_views, views

app_name = "programme"
urlpatterns = [
    path("programme/espace/", views.space_index, name="space"),
    path("programme/espace/candidatures/", views.application_list, name="application_list"),
    path(
        "programme/espace/candidatures/export.csv",
        views.application_export,
        {"fmt": "csv"},
        name="application_export_csv",
    ),
    path(
        "programme/espace/candidatures/export.xlsx",
        views.application_export,
        {"fmt": "xlsx"},
        name="application_export_xlsx",
    ),
    path("programme/espace/candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("programme/espace/candidatures/<int:pk>/etape/", views.application_transition, name="application_transition"),
    path("programme/espace/candidatures/<int:pk>/archiver/", views.application_archive, name="application_archive"),
    path(
        "programme/espace/candidatures/<int:pk>/page-projet/",
        views.application_project_page,
        name="application_project_page",
    ),
    path("programme/espace/candidatures/<int:pk>/evaluation/", views.application_review, name="application_review"),
    path("programme/espace/candidatures/<int:pk>/conflit/", views.application_conflict, name="application_conflict"),
    path(
        "programme/espace/candidatures/<int:pk>/fichiers/<int:file_pk>/",
        views.application_file,
        name="application_file",
    ),
    path("programme/espace/tours/<int:pk>/", round_views.round_detail, name="round_detail"),
    path("programme/espace/tours/<int:pk>/attribuer/", round_views.round_assign, name="round_assign"),
    path(
        "programme/espace/tours/<int:pk>/attribuer-en-masse/", round_views.round_bulk_assign, name="round_bulk_assign"
    ),
    path(
        "programme/espace/tours/<int:pk>/attributions/<int:assignment_pk>/retirer/",
        round_views.round_remove,
        name="round_remove",
    ),
    path("programme/espace/tours/<int:pk>/rappel/", round_views.round_remind, name="round_remind"),
    path("programme/espace/jurys/<int:pk>/", views.jury_session, name="jury_session"),
    path("programme/espace/jurys/<int:pk>/publier/", views.jury_publish, name="jury_publish"),
    path("programme/espace/jurys/<int:pk>/presences/", views.jury_presence, name="jury_presence"),
    path(
        "programme/espace/jurys/<int:pk>/decisions/<int:decision_pk>/retirer/",
        views.jury_withdraw,
        name="jury_withdraw",
    ),
    path(
        "programme/espace/jurys/<int:pk>/selections/<int:decision_pk>/retirer/",
        views.jury_withdraw_selection,
        name="jury_withdraw_selection",
    ),
    path("programme/espace/tableau-de-bord/", views.dashboard, name="dashboard"),
    path("programme/espace/revues/", views.review_calendar, name="review_calendar"),
    path("programme/mes-candidatures/", views.my_applications, name="my_applications"),
    path("programme/mes-candidatures/<int:pk>/retirer/", views.my_application_withdraw, name="my_application_withdraw"),
    path("programme/mes-candidatures/<int:pk>/modifier/", applicant_views.edit_application, name="my_application_edit"),
    path(
        "programme/mes-candidatures/brouillons/<int:pk>/supprimer/",
        applicant_views.delete_draft,
        name="my_draft_delete",
    ),
    path(
        "programme/mes-candidatures/<int:pk>/fichiers/<int:file_pk>/",
        views.my_application_file,
        name="my_application_file",
    ),
    path("programme/indicateurs/<int:pk>.csv", views.indicator_csv, name="indicator_csv"),
]
