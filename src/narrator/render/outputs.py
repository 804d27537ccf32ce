"""Atomic output: a run that fails leaves the previous output folder as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _old_name(target: Path) -> Path:
    return target.parent / f".{target.name}.old"


def recover(target: Path) -> None:
    """Put back a previous output stranded by a run that died between its two renames."""
    old = _old_name(target)
    if old.is_dir() and not target.exists():
        os.replace(old, target)
    elif old.is_dir():
        shutil.rmtree(old, ignore_errors=True)  # the swap completed; only the cleanup was lost


def atomic_dir(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative name → bytes) into a fresh folder, then swap it in for ``target``.

    The previous folder is moved aside under a fixed name (``.NAME.old``) before the new one
    takes its place; if that second rename fails it is moved back at once, and if the process
    dies in between, the next run (or :func:`recover`) puts it back. Either way the previous
    output is never lost.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes 0700; outputs are meant to be shared
    try:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        old = None
        if target.exists():
            old = _old_name(target)
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except BaseException:
            if old is not None:
                os.replace(old, target)  # roll back: the previous output stays in place
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
