"""Command-palette entries for the keys of the screen the palette was opened on.

Screens list their bindings; this provider offers each described one by its description
("Next diff", "Swap", "Export"...), so every action of the compare, facts and bookmarks
screens is reachable from ctrl+p as well as by key.
"""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class ScreenCommands(Provider):
    """Each described binding of the calling screen, run as that screen's action."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        commands = []
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in ("back", "cancel"):
                continue
            key = binding.key_display or binding.key.split(",")[0]
            title = f"{type(screen).__name__.removesuffix('Screen')}: {binding.description}"
            commands.append((title, f"key {key}", binding.action))
        return commands

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(Content(title), partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), partial(self._run, action), help=help_text)
