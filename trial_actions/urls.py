from django.urls import path

from . import views

app_name = "trial_actions"

BOARD = "forloeb/<int:programme_pk>/proevehandlinger/"
ONE = f"{BOARD}<int:trial_action_pk>/"

urlpatterns = [
    path(BOARD, views.board, name="board"),
    path(f"{BOARD}ny/", views.trial_action_add, name="trial_action_add"),
    path(ONE, views.trial_action_detail, name="trial_action_detail"),
    path(f"{ONE}ret/", views.trial_action_edit, name="trial_action_edit"),
    path(f"{ONE}start/", views.trial_action_start, name="trial_action_start"),
    path(f"{ONE}iagttagelser/", views.observation_add, name="observation_add"),
    path(f"{ONE}evaluering/", views.trial_action_evaluate, name="trial_action_evaluate"),
    path(f"{ONE}beslutning/", views.trial_action_decide, name="trial_action_decide"),
]
