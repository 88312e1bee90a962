"""Theme-derived styles for Line-API widgets, looked up once per theme change.

Looking a component style up costs tens of microseconds, far too much per drawn line, so
each widget keeps the resolved styles until Textual reports a style change (a new theme
or CSS reload).
"""

from __future__ import annotations

from rich.style import Style


class ComponentStyles:
    """Mixin for widgets: ``_style(name)`` of a component class, or ``"base"``, cached."""

    def _style(self, name: str) -> Style:
        cache: dict[str, Style] = self.__dict__.setdefault("_diptych_resolved_styles", {})
        style = cache.get(name)
        if style is None:
            # Not partial: translucent theme colours must be blended over the widget.
            style = (
                self.rich_style  # type: ignore[attr-defined]
                if name == "base"
                else self.get_component_rich_style(name)  # type: ignore[attr-defined]
            )
            cache[name] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self.__dict__.get("_diptych_resolved_styles", {}).clear()
