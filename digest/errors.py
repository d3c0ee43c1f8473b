"""The one error type users see: a file and what is wrong with it, printed on one line."""


class DigestError(Exception):
    """An input or output problem to report without a traceback."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self):
        # Rebuilt from its two parts, so it crosses process boundaries (--jobs) intact.
        return (DigestError, (self.path, self.problem))
