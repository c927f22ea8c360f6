"""The entity filter's chosen value fitted to its width: measured in screen cells, so a
name in a wide script keeps its type in view as a Latin one does."""

from __future__ import annotations

import pytest

from tui.widgets.search_bar import cut_to_cells, fitted_choice

CJK = "習近平主席の発言について"


@pytest.mark.parametrize("width", [20, 24, 30, 40])
def test_a_cjk_name_is_cut_to_the_width_and_keeps_its_type(width: int) -> None:
    fitted = fitted_choice("Entity", CJK, 12, ["PERSON"], width)
    assert fitted.cell_length <= width, (width, fitted.plain)
    assert fitted.plain.endswith("· person"), fitted.plain
    assert "(12)" not in fitted.plain
    name = fitted.plain.removeprefix("Entity: ").removesuffix(" · person")
    assert name.endswith("…") and CJK.startswith(name.removesuffix("…"))


def test_a_cjk_name_that_fits_without_its_count_is_whole() -> None:
    fitted = fitted_choice("Entity", CJK, 12, ["PERSON"], 42)
    assert fitted.plain == f"Entity: {CJK} · person"


def test_a_latin_name_is_cut_as_before() -> None:
    fitted = fitted_choice("Entity", "artillery shell", 3, ["WEAPON"], 24)
    assert fitted.plain == "Entity: artill… · weapon"
    assert fitted.cell_length <= 24


def test_cut_to_cells_never_splits_a_wide_character() -> None:
    assert cut_to_cells("習近平", 6) == "習近平"
    assert cut_to_cells("習近平", 5) == "習近…"
    assert cut_to_cells("習近平", 4) == "習…"
    assert cut_to_cells("ab cd", 4) == "ab…"
