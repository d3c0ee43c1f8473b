"""Write outputs so that a reader never sees half a file: temporary files, then renames."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DigestError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(path: Path, data: bytes, mode: int | None) -> Path:
    """Write `data` to a temporary file beside `path`; return the temporary file."""
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
        # mkstemp makes the file 0600; give it the mode a new file would get, unless told otherwise.
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise DigestError(str(path), f"cannot write: {exc.strerror or exc}") from None
        raise
    return Path(tmp)


def _replace(staged: dict[Path, Path]) -> None:
    try:
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except OSError as exc:
        raise DigestError(str(path), f"cannot write: {exc.strerror or exc}") from None
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> Path:
    """Replace `path` with `data` in one step; on any failure the old file is left as it was."""
    path = Path(path)
    _replace({path: _stage(path, data, mode)})
    return path


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every rendered output: all are written to temporary files first and renamed only
    when every one of them could be written, so a failure leaves the previous set as it was.

    A run killed while renaming can leave a temporary file beside an output (each output
    itself is whole, old or new); the next run clears those first."""
    paths = [Path(path) for path in outputs]
    for path in paths:
        if path.is_dir():  # the one thing that would stop a rename half-way through the set
            raise DigestError(str(path), "cannot write: is a folder")
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)
    staged: dict[Path, Path] = {}
    try:
        for path in paths:
            staged[path] = _stage(path, outputs[path], None)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    _replace(staged)
    return paths
