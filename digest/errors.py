"""The one error type users see: a file and what is wrong with it, printed on one line."""

from pathlib import Path


class DigestError(Exception):
    """An input or output problem to report without a traceback."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self):
        # Rebuilt from its two parts, so it crosses process boundaries (--jobs) intact.
        return (DigestError, (self.path, self.problem))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes, or a DigestError naming it (`x.txt: cannot read: Permission denied`)."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DigestError(str(path), f"cannot read: {exc.strerror or exc}") from None
