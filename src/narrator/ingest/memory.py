"""Keep freed memory in the process while a table is built (glibc only).

Building the event table allocates and frees many arrays of a million rows. glibc's
allocator returns large freed blocks to the kernel (each array above its mmap threshold is
its own mapping, unmapped when freed; the heap's top is trimmed), and every new array then
takes fresh pages that the kernel must zero: on the 1M-row benchmark about a third of a
second of system time. Raising the thresholds makes freed blocks serve the next arrays.

Arrow's buffers (the parsed CSV, the text columns) then come from the same allocator
(``pa.system_memory_pool``) instead of Arrow's bundled mimalloc, which hands freed pages
back to the kernel shortly after they are freed: numpy and Arrow reuse one pool of pages,
and the threads that build columns do not wait on page faults (on the benchmark, ingest's
wall time 2.6–2.9 s against 2.8–3.8 s in five interleaved pairs). Nothing else changes: the
memory is the process's either way, and it ends with the command.
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
    if _done:
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
    return _done
