"""The one error type users see: a file and what is wrong with it, printed on one line."""


class DigestError(Exception):
    """An input or output problem to report without a traceback."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
