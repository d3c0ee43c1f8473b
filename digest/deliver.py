"""Write outputs so that a reader never sees half a file: temporary files, then renames.

A staged file is named `.<output>.<host>.<pid>.<random>.tmp`, so that builds running at the
same time into one folder each rename only their own; a build clears leftovers only when
they are provably stale: staged on this host by a process that is no longer running, or
(other hosts, older versions) untouched for a day.
"""

from __future__ import annotations

import os
import re
import socket
import tempfile
import time
from pathlib import Path

from .errors import DigestError


_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"
STALE_AFTER = 24 * 3600  # seconds: no build stages a file for that long


def _is_stale(leftover: Path) -> bool:
    """True when no running build can still rename `leftover` (see the module's docstring)."""
    match = re.fullmatch(r"\.(.+)\.([A-Za-z0-9-]+)\.(\d+)\.[^.]+\.tmp", leftover.name)
    if match and match.group(2) == _HOST:
        pid = int(match.group(3))
        if pid == os.getpid():
            return False  # this process's own, staged a moment ago
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # it exists, someone else's
            return False
        return False
    try:
        return time.time() - leftover.stat().st_mtime > STALE_AFTER
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _stage(path: Path, data: bytes, mode: int | None) -> Path:
    """Write `data` to a temporary file beside `path`; return the temporary file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_HOST}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except (FileExistsError, NotADirectoryError):  # mkdir's words for a path through a file or a device
        raise DigestError(str(path), f"cannot write: {path.parent} is not a folder (or a part of its path is not)") from None
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
    itself is whole, old or new); a later run clears those once they are provably stale."""
    paths = [Path(path) for path in outputs]
    for path in paths:
        if path.is_dir():  # the one thing that would stop a rename half-way through the set
            raise DigestError(str(path), "cannot write: is a folder")
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            if _is_stale(leftover):
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
