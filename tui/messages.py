"""Messages the app's screens and widgets send each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message


@dataclass
class SyncProgress(Message):
    """The index sync has handled ``done`` of ``total`` articles."""

    done: int
    total: int


@dataclass
class LibraryReady(Message):
    """The workspace is open (and synced when ``synced``): lists may be refreshed."""

    synced: bool


@dataclass
class EntityChosen(Message):
    """The user chose an entity in the entities panel."""

    name: str
    type: str


@dataclass
class SearchFor(Message):
    """Ask the main screen to search the library for an entity."""

    entity: str


class Deliver(Message):
    """Run ``callback`` on the app's thread. Workers post this instead of calling
    ``call_from_thread``, which blocks the worker and can hang while the app shuts down."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self.callback = callback
