"""Memory of a process together with the processes it starts, for the benchmarks.

``os.wait4`` reports the peak RSS of the largest single process (a child's own, or that
of a grandchild it waited for), not of several running at once. Diptych finds the
entities of a long pair in a second process while the first aligns and diffs, so what a
machine needs is their sum: sampled here from /proc every 20 ms.
"""

from __future__ import annotations

import threading
from pathlib import Path


class TreeMemory(threading.Thread):
    """Samples the summed RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.every = every
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


def tree_rss_kb(pid: int) -> int:
    """RSS of ``pid`` and its descendants now, in kilobytes (ended processes count 0)."""
    return sum(map(_rss_kb, _tree(pid)))


def _tree(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                queue += map(int, (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
