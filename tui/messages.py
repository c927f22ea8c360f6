"""Messages the app's screens and widgets send each other."""

from __future__ import annotations

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
