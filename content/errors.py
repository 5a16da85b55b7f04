"""The one error the content pipeline raises: a document that cannot become a course."""


class ContentError(Exception):
    """A source path or document is unusable; the message names the file and says why.

    The pipeline stays independent of `bot`, so the CLI converts this to its own
    `UserFacingError` at the boundary.
    """
