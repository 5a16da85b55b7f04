"""Errors that reach a person as one clear line instead of a traceback."""


class UserFacingError(Exception):
    """Raised for bad input or an unusable environment; the message is shown as-is."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
