"""Signals the accounts app sends explicitly, so feature apps can follow a person's account."""

from django.dispatch import Signal

# Sent inside the transaction when a person gets a membership in a municipality by accepting
# an invitation: `user`, `municipality`. The enrolment app lets them answer as a proposed
# steering member from then on.
person_joined = Signal()
