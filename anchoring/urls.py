from django.urls import path

from . import views

app_name = "anchoring"

PLAN = "forloeb/<int:programme_pk>/forankringsplan/"
ITEM = f"{PLAN}punkter/<int:anchored_item_pk>/"

urlpatterns = [
    path(PLAN, views.plan_detail, name="plan_detail"),
    path(f"{PLAN}hent/", views.plan_pull, name="plan_pull"),
    path(f"{PLAN}videre/", views.plan_edit, name="plan_edit"),
    path(f"{PLAN}punkter/nyt/", views.item_add, name="item_add"),
    path(ITEM, views.item_edit, name="item_edit"),
    path(f"{ITEM}fjern/", views.item_remove, name="item_remove"),
    path(f"{PLAN}udbytte/", views.yield_edit, name="yield_edit"),
    path(f"{PLAN}godkend/", views.plan_approve, name="plan_approve"),
    path(
        f"{PLAN}versioner/<int:anchoring_version_number>/",
        views.version_detail,
        name="version_detail",
    ),
    path(f"{PLAN}forskelle/", views.version_diff, name="version_diff"),
]
