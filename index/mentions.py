"""Entity mentions: the record shared by the tagger, the index and the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityType = Literal["PERSON", "ORG", "PLACE", "WEAPON", "DATE", "QUANTITY"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "WEAPON", "DATE", "QUANTITY")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span ``body[start:end]`` naming ``entity`` (its canonical name) of ``type``."""

    start: int
    end: int
    text: str
    type: EntityType
    entity: str
    in_caption: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "entity": self.entity,
            "in_caption": self.in_caption,
        }
