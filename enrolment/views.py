from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def start(request):
    return render(request, "enrolment/placeholder.html")


@login_required
def enrolment_list(request):
    return render(request, "enrolment/placeholder.html")
