"""Write outputs so that a reader never sees half a file: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DigestError


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` in one step; on any failure the old file is left as it was."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DigestError(str(path), f"cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DigestError(str(path), f"cannot write: {exc.strerror or exc}") from None
        raise
    return path


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every rendered output; all were rendered before the first is written.

    A run killed while writing can leave a temporary file beside an output (the output itself
    is whole, old or new); the next run clears those first."""
    for path in outputs:
        for leftover in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
            leftover.unlink(missing_ok=True)
    return [write_atomic(path, data) for path, data in outputs.items()]
