"""A bare Django: one view, no middleware, no apps, no database (the bench's baseline)."""

import os

from django.http import HttpResponse
from django.urls import path

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = __name__
MIDDLEWARE: list[str] = []
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
USE_TZ = True


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("minimal/", minimal)]
