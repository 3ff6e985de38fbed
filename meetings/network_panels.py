"""What the network activities and the calendar feed add to the core's pages."""


def register():
    """Called from `MeetingsConfig.ready`."""
