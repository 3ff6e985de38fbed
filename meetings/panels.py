"""What the meetings add to the core's pages."""


def register():
    """Called from `MeetingsConfig.ready`."""
