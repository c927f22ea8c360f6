"""An Input whose own key bindings act in the order the keys arrive."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """An :class:`Input` that runs its own bindings (backspace, ctrl+u, arrows, enter…)
    as each key comes, like the letters. Textual runs a widget's bindings only once the
    key has bubbled back up to the app, behind the keys already queued, so keys typed in
    a burst came out of order: "artillerz⌫y" read "artillerz", and "/, ctrl+u, evil"
    cleared the word just typed."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
