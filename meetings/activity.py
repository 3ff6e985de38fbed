"""The meetings' action codes in the activity log."""

from programmes.activity import register

register({})
