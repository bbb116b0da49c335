from django.urls import path

from . import views

app_name = "home"
urlpatterns = [
    path("avis-page/", views.page_feedback, name="page_feedback"),
]
