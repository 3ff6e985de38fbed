class DomainError(Exception):
    """A business rule said no; `message` is a whole Danish sentence to show the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)
