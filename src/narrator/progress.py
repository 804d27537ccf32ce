"""Stage progress on stderr (rich), silent when stderr is not a terminal or disabled."""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any


class Stages:
    """Prints '✓ stage (0.12s)' lines as each stage finishes."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.console: Any = None  # a rich Console once entered (rich loads only when progress is shown)

    def __enter__(self) -> "Stages":
        if self.enabled:
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False)
        return self

    def __exit__(self, *exc) -> None:
        return None

    @contextmanager
    def bar(self, label: str, total: int):
        """A progress bar on a terminal (plain lines otherwise); yields advance(name)."""
        if self.console is not None and self.console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=self.console, transient=True) as progress:
                task = progress.add_task(label, total=total)
                yield lambda name: progress.advance(task)
        else:
            yield lambda name: self.note(f"  {name} 完成")

    def note(self, text: str) -> None:
        """A line under the current stage (e.g. one LLM section finished)."""
        if self.console is not None:
            self.console.print(f"[dim]{text}[/dim]")

    @contextmanager
    def step(self, name: str, spinner: bool = True):
        started = time.perf_counter()
        if spinner and self.console is not None and self.console.is_terminal:
            with self.console.status(f"{name}…"):
                yield
        else:
            yield
        if self.console is not None:
            self.console.print(f"[green]✓[/green] {name} [dim]({time.perf_counter() - started:.2f}s)[/dim]")


__all__ = ["Stages"]
