from django.urls import path

from . import views

app_name = "plans"

PLAN = "forloeb/<int:programme_pk>/udviklingsplan/"

urlpatterns = [
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(f"{PLAN}indledning/", views.plan_edit, name="plan_edit"),
    path(f"{PLAN}maal/nyt/", views.goal_add, name="goal_add"),
    path(f"{PLAN}maal/<int:goal_pk>/", views.goal_edit, name="goal_edit"),
    path(f"{PLAN}maal/<int:goal_pk>/fjern/", views.goal_remove, name="goal_remove"),
    path(f"{PLAN}maal/<int:goal_pk>/delmaal/nyt/", views.sub_goal_add, name="sub_goal_add"),
    path(f"{PLAN}delmaal/<int:sub_goal_pk>/", views.sub_goal_edit, name="sub_goal_edit"),
    path(f"{PLAN}delmaal/<int:sub_goal_pk>/fjern/", views.sub_goal_remove, name="sub_goal_remove"),
    path(f"{PLAN}godkend/", views.plan_approve, name="plan_approve"),
    path(f"{PLAN}versioner/<int:version_number>/", views.version_detail, name="version_detail"),
    path(f"{PLAN}forskelle/", views.version_diff, name="version_diff"),
]
