"""The IPython shell that runs cells while grading, and the outputs it records.

A worker builds one pristine shell (:func:`make_shell`) before it forks anything; the
checker and the student's kernel each inherit a copy. Its cells' outputs are recorded as
Jupyter's notebook format records them (:class:`Outputs`), within the notebook's output
budget.
"""

from __future__ import annotations

import json
import sys

# Output formats kept from displays. Grading needs none of the pictures; rendering each
# figure to PNG costs more than running most cells (see the README, "Grading").
DISPLAY_TYPES = (
    "text/plain",
    "text/html",
    "text/markdown",
    "text/latex",
    "application/json",
    "application/vnd.jupyter.widget-view+json",
)


class Outputs:
    """The outputs of the cell running now, as Jupyter's notebook format records them.

    Consecutive writes to one stream become one output, as in a notebook. Beyond the
    notebook's output budget, output is dropped, and a line says so once.
    """

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.truncated = False
        self.items: list[dict] = []
        self._clear_on_next = False

    def _room(self, size: int) -> bool:
        if self._clear_on_next:
            self.items.clear()
            self._clear_on_next = False
        if self.used + size <= self.budget:
            self.used += size
            return True
        if not self.truncated:
            self.truncated = True
            self.items.append(
                {
                    "output_type": "stream",
                    "name": "stderr",
                    "text": f"\n... output truncated: this notebook printed more than "
                    f"{self.budget / 2**20:g} MB ...\n",
                }
            )
        return False

    def stream(self, name: str, text: str) -> None:
        if not text or not self._room(len(text)):
            return
        last = self.items[-1] if self.items else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output: dict) -> None:
        if self._room(len(json.dumps(output, default=str))):
            self.items.append(output)

    def clear(self, wait: bool) -> None:
        if wait:
            self._clear_on_next = True
        else:
            self.items.clear()

    def take(self) -> list[dict]:
        items, self.items = self.items, []
        return items


def make_shell():
    """A pristine IPython shell whose outputs go to an :class:`Outputs` (``shell.outputs``)."""
    import io

    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class Stream(io.TextIOBase):
        """``sys.stdout`` / ``sys.stderr`` inside a cell."""

        def __init__(self, shell, name: str):
            self.shell, self.name = shell, name

        @property
        def encoding(self) -> str:
            return "utf-8"

        def writable(self) -> bool:
            return True

        def isatty(self) -> bool:
            return False

        def write(self, text) -> int:
            if not isinstance(text, str):
                raise TypeError(f"write() argument must be str, not {type(text).__name__}")
            self.shell.outputs.stream(self.name, text)
            return len(text)

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False):
            self.shell.outputs.add(
                {"output_type": "display_data", "data": data, "metadata": metadata or {}}
            )

        def clear_output(self, wait=False):
            self.shell.outputs.clear(wait)

    class Hook(DisplayHook):
        """The value of a cell's last expression, as an ``execute_result``."""

        def start_displayhook(self):
            self.result = {"output_type": "execute_result", "data": {}, "metadata": {}}

        def write_output_prompt(self):
            self.result["execution_count"] = self.prompt_count

        def write_format_data(self, format_dict, md_dict=None):
            self.result["data"], self.result["metadata"] = format_dict, md_dict or {}

        def finish_displayhook(self):
            if self.result["data"]:
                self.shell.outputs.add(self.result)

    class GradingShell(InteractiveShell):
        displayhook_class = Hook
        display_pub_class = Publisher

        def enable_gui(self, gui=None):  # the inline backend needs no event loop
            pass

        def _showtraceback(self, etype, evalue, stb):
            self.outputs.add(
                {
                    "output_type": "error",
                    "ename": etype.__name__,
                    "evalue": str(evalue),
                    "traceback": stb,
                }
            )
            self.last_error_line = line_in_cell(sys.last_traceback, self.user_ns)
            self.last_error = evalue  # the exception itself: its class, not only its name

    config = Config()
    config.HistoryManager.enabled = False  # no history database, no thread: safe to fork
    shell = GradingShell.instance(config=config)
    shell.display_formatter.active_types = list(DISPLAY_TYPES)
    shell.enable_matplotlib("inline")
    shell.outputs = Outputs(0)
    shell.streams = Stream(shell, "stdout"), Stream(shell, "stderr")
    shell.last_error_line = shell.last_error = None
    return shell


def warm_tracebacks(shell, packages: tuple[str, ...] = ("nbhelpers",)) -> None:
    """Pay once, before the worker forks anything, what a process pays for its first
    traceback (IPython's colouring: pygments' lexer and its regular expressions) and for
    reading each source file a traceback goes through (parsed and tokenized by
    ``stack_data``): the course's helpers, whose frames the tests' failures show. Each
    notebook's checker and student's kernel then inherit it all (a first traceback took
    0.1 s of CPU more than the next, and more still through the helpers)."""
    import stack_data

    try:
        raise RuntimeError("a traceback formatted to warm up")
    except RuntimeError:
        shell.InteractiveTB.structured_traceback(*sys.exc_info())
    del shell.InteractiveTB.tb  # kept for %debug: the shell stays as it was made
    for module in list(sys.modules.values()):
        file = getattr(module, "__file__", None) or ""
        if module.__name__.partition(".")[0] in packages and file.endswith(".py"):
            stack_data.Source.for_filename(file).asttext()


def line_in_cell(tb, user_ns: dict) -> int | None:
    """The cell's line (1-based) that was running when an exception passed through it."""
    line = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_globals is user_ns and frame.f_code.co_name == "<module>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
