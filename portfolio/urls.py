from django.urls import path

from . import views

app_name = "portfolio"

urlpatterns = [
    path("portefolje/", views.portfolio, name="portfolio"),
    path("portefolje/eksport.csv", views.portfolio_csv, name="portfolio_csv"),
    path("portefolje/eksport.xlsx", views.portfolio_xlsx, name="portfolio_xlsx"),
    path("portefolje/kort/", views.municipality_grid, name="municipality_grid"),
    path("portefolje/hold/<int:cohort_pk>/", views.cohort_view, name="cohort"),
]
