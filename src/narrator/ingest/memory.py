"""Keep freed memory in the process while a table is built (glibc only).

Building the event table allocates and frees many arrays of a million rows. glibc's
allocator returns large freed blocks to the kernel (each array above its mmap threshold is
its own mapping, unmapped when freed; the heap's top is trimmed), and every new array then
takes fresh pages that the kernel must zero: on the 1M-row benchmark about a third of a
second of system time. Raising the thresholds makes freed blocks serve the next arrays.

Arrow's buffers stay with Arrow's own allocator (mimalloc). Moving them to glibc as well
(``pa.system_memory_pool``) was tried: about 0.2 s less CPU, but ingest's peak memory rose by
about 100 MiB (a buffer freed in one thread's arena does not serve another thread) and the
wall time was no better (eight interleaved pairs: 3.15 s against 2.98 s on average). Nothing
else changes: the memory is the process's either way, and it ends with the command.
"""

from __future__ import annotations

import ctypes
import platform
import sys

_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3
_MMAP_THRESHOLD = 32 << 20  # glibc's maximum: larger blocks are still mapped on their own
_TOP_PAD = 256 << 20  # grow the heap in large steps (fewer, larger page runs)
_TRIM_THRESHOLD = 1 << 30  # do not hand the heap's top back while it is below this
_done = False


def keep_freed_memory() -> bool:
    """Raise glibc's malloc thresholds once per process; False where that is not possible
    (another C library or platform), which only costs speed."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    _done = all([mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD), mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD),
                 mallopt(_M_TOP_PAD, _TOP_PAD)])
    return _done
