"""One entity across the library when outlets spell it differently.

A real index (Whoosh on disk, SQLite mention store) over a library of articles written
here, tagged by the built-in finder: spellings of one person merge in the entity listing,
the stored mentions, the ``entity:`` query, the entity filter, the entity facet and
``brief entities --json``; different people sharing words or a surname stay apart.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from index.entities.names import choose_name, name_key
from index.entities.store import MentionStore
from index.mentions import Mention
from index.workspace import Workspace

ARTICLES = {
    "wire/envoy.md": (
        "Daily Wire One",
        "2024-03-01",
        "Envoy meets trade negotiator in Moscow",
        "Ambassador Han Seo Yeon met Richard T Hale in Moscow on Friday, officials said."
        "\n\nHan Seo Yeon told reporters the talks were productive. Kim Jong Il was not "
        "mentioned.",
    ),
    "harbour/talks.md": (
        "Harbour Times",
        "2024-03-02",
        "Envoy says talks went well",
        "Envoy Han Seo-yeon said on Saturday that her meeting with Richard T. Hale had been "
        "frank.\n\nMs Han added that Lee Min-ho, a spokesman, would brief the press. "
        "Li Min-ho, a Chinese diplomat, declined to comment.",
    ),
    "coastal/return.md": (
        "Coastal Post",
        "2024-03-03",
        "Envoy returns home",
        "Han Seo-yeon returned to Seoul on Sunday after meeting Richard T. Hale. Kim Yo Jong, "
        "a senior official, criticised the visit.",
    ),
    "ledger/profile.md": (
        "Northern Ledger",
        "2024-03-04",
        "A profile of the envoy",
        "Envoy Han Seo-Yeon grew up in a fishing town and studied law before joining the "
        "diplomatic service.",
    ),
    "coastal/harvest.md": (
        "Coastal Post",
        "2024-03-04",
        "Harvest festival opens",
        "Farmers gathered in the valley on Monday for the harvest festival, the largest in "
        "a decade.",
    ),
}
HAN = {"wire/envoy.md", "harbour/talks.md", "coastal/return.md", "ledger/profile.md"}
HALE = {"wire/envoy.md", "harbour/talks.md", "coastal/return.md"}


def write_article(root: Path, article_id: str, outlet: str, day: str, title: str, body: str):
    path = root / article_id
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\noutlet: {outlet}\npublished: {day}\n---\n\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture
def spelled(tmp_path: Path) -> Path:
    root = tmp_path / "spelled"
    for article_id, fields in ARTICLES.items():
        write_article(root, article_id, *fields)
    return root


@pytest.fixture
def ws(spelled: Path):
    with Workspace.open(spelled, finder="builtin") as workspace:
        workspace.sync()
        yield workspace


def by_name(ws: Workspace, type: str | None = None) -> dict[str, object]:
    return {e.name: e for e in ws.entities(type)}


# -- the key ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Han Seo Yeon", "Han Seo-yeon"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("Sergei SHOIGU", "Sergei Shoigu"),
        ("José Martí", "Jose Marti"),
        ("Ørsted", "Orsted"),
        ("J.D. Vance", "JD Vance"),
        ("J. D. Vance", "JD Vance"),
        ("U.S.", "US"),
        ("F-16", "F16"),
        ("Hwasong-17", "Hwasong 17"),
        ("O\u2019Brien", "O'Brien"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kim Jong Un", "Kim Jong Il"),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("Kim Jong-un", "Kim Un-jong"),
        ("Pierre Lee", "Lee Pierre"),
        ("Seo-yeon Han", "Han Seo-yeon"),
        ("Lee", "Li"),
        ("Lee Min-ho", "Li Min-ho"),
        ("Hwasong-17", "Hwasong-15"),
        ("George W. Bush", "George Bush"),
        ("Jose", "Josef"),
        ("1.5", "5.1"),
        ("11/2", "2/11"),
        ("Han Seo-yeon", "Han"),
    ],
)
def test_different_names_never_share_a_key(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_key_survives_the_index_folding() -> None:
    from index.searchindex import NormalizeFilter

    indexed = NormalizeFilter(stem=False).normalize  # how the entity field stores a name
    for name in ("José Ramírez", "Straße", "Łódź", "Han Seo-yeon", "Ærø", "İzmir", "ǅoković"):
        assert name_key(indexed(name)) == name_key(name), name


def test_the_most_used_spelling_names_the_entity_and_ties_are_decided_the_same_way() -> None:
    assert choose_name({"Han Seo Yeon": 1, "Han Seo-yeon": 2}) == "Han Seo-yeon"
    assert choose_name({"Sergei SHOIGU": 1, "Sergei Shoigu": 1}) == "Sergei Shoigu"
    assert choose_name({"Sergei Shoigu": 1, "Sergei SHOIGU": 1}) == "Sergei Shoigu"
    assert choose_name({"Jose Marti": 1, "José Martí": 1}) == "José Martí"
    assert choose_name({"NATO": 1, "Nato": 1}) == "NATO"


# -- the library ----------------------------------------------------------------------------


def test_listing_merges_spellings_under_the_most_used(ws: Workspace) -> None:
    people = by_name(ws, "PERSON")
    han = people["Han Seo-yeon"]
    assert "Han Seo Yeon" not in people and "Han Seo-Yeon" not in people
    assert han.aliases == ["Han", "Han Seo Yeon", "Han Seo-Yeon"]
    assert han.outlets == {
        "Coastal Post": 1,
        "Daily Wire One": 2,
        "Harbour Times": 2,
        "Northern Ledger": 1,
    }
    assert han.count == 6
    hale = people["Richard T. Hale"]
    assert "Richard T Hale" not in people and hale.aliases == ["Richard T Hale"]
    assert hale.outlets == {"Coastal Post": 1, "Daily Wire One": 1, "Harbour Times": 1}
    everything = {(e.type, e.name): e for e in ws.entities()}
    assert everything[("PERSON", "Han Seo-yeon")] == han


def test_different_people_sharing_words_stay_apart(ws: Workspace) -> None:
    people = by_name(ws, "PERSON")
    for name in ("Kim Jong Il", "Kim Yo Jong", "Lee Min-ho", "Li Min-ho"):
        assert name in people, name
        assert people[name].count == 1 and people[name].aliases == []
    assert {h.id for h in ws.search("", entities=["Lee Min-ho"]).hits} == {"harbour/talks.md"}
    assert {h.id for h in ws.search("", entities=["Kim Jong Il"]).hits} == {"wire/envoy.md"}
    assert {h.id for h in ws.search('entity:"Kim Yo Jong"').hits} == {"coastal/return.md"}
    assert ws.search("", entities=["Han"]).total == 0  # a lone surname is not the person


def test_stored_mentions_carry_the_library_name(ws: Workspace) -> None:
    envoy = ws.mentions("wire/envoy.md")
    written = [m for m in envoy if m.text == "Han Seo Yeon"]
    assert len(written) == 2 and {m.entity for m in written} == {"Han Seo-yeon"}
    assert {m.entity for m in envoy if m.text == "Richard T Hale"} == {"Richard T. Hale"}
    profile = ws.mentions("ledger/profile.md")
    assert [(m.text, m.entity) for m in profile if m.type == "PERSON"] == [
        ("Han Seo-Yeon", "Han Seo-yeon")
    ]
    store = ws._mention_store()
    raw = store.mentions("wire/envoy.md", merged=False)
    assert {m.entity for m in raw if m.text == "Han Seo Yeon"} == {"Han Seo Yeon"}
    assert store.canonical("PERSON", "HAN SEO YEON") == "Han Seo-yeon"
    assert store.canonical("PLACE", "Han Seo Yeon") == "Han Seo Yeon"  # not across types
    assert store.canonical("PERSON", "Nobody Known") == "Nobody Known"


@pytest.mark.parametrize(
    "spelling", ["Han Seo Yeon", "Han Seo-yeon", "han seo-yeon", "HAN SEO-YEON"]
)
def test_filter_and_query_for_either_spelling_find_every_article(
    ws: Workspace, spelling: str
) -> None:
    filtered = ws.search("", entities=[spelling], limit=None)
    assert {h.id for h in filtered.hits} == HAN
    queried = ws.search(f'entity:"{spelling}"', limit=None)
    assert {h.id for h in queried.hits} == HAN
    narrowed = ws.search("", entities=[spelling], outlets=["Coastal Post"], limit=None)
    assert {h.id for h in narrowed.hits} == {"coastal/return.md"}
    dated = ws.search("", entities=[spelling], since="2024-03-02", until="2024-03-03")
    assert {h.id for h in dated.hits} == {"harbour/talks.md", "coastal/return.md"}
    both = ws.search("", entities=[spelling, "Richard T Hale"], limit=None)
    assert {h.id for h in both.hits} == HALE


def test_entity_query_combines_with_words(ws: Workspace) -> None:
    results = ws.search('entity:"Han Seo Yeon" Seoul', limit=None)
    assert [h.id for h in results.hits] == ["coastal/return.md"]
    results = ws.search('entity:"Richard T Hale" OR harvest', limit=None)
    assert {h.id for h in results.hits} == HALE | {"coastal/harvest.md"}
    results = ws.search('fishing OR entity:"Richard T Hale"', limit=None)
    assert {h.id for h in results.hits} == HAN


def test_facet_counts_each_article_once_under_the_listing_name(ws: Workspace) -> None:
    facet = ws.search("", limit=None).facets["entity"]
    assert facet["Han Seo-yeon"] == 4 and facet["Richard T. Hale"] == 3
    assert not {"Han Seo Yeon", "Han Seo-Yeon", "Richard T Hale"} & set(facet)
    assert facet["Lee Min-ho"] == 1 and facet["Li Min-ho"] == 1
    narrowed = ws.search("frank", limit=None).facets["entity"]
    assert narrowed["Han Seo-yeon"] == 1 and narrowed["Richard T. Hale"] == 1


def test_everything_agrees_when_the_most_used_spelling_changes(
    ws: Workspace, spelled: Path
) -> None:
    outlet, day, title, body = ARTICLES["coastal/return.md"]
    body = body.replace("Han Seo-yeon", "Han Seo Yeon")
    write_article(spelled, "coastal/return.md", outlet, day, title, body)
    ws.sync()
    people = by_name(ws, "PERSON")
    assert "Han Seo-yeon" in people["Han Seo Yeon"].aliases
    shown = {m.entity for m in ws.mentions("harbour/talks.md") if m.text.startswith("Han")}
    assert shown == {"Han Seo Yeon"}
    facet = ws.search("", limit=None).facets["entity"]
    assert facet["Han Seo Yeon"] == 4 and "Han Seo-yeon" not in facet

    (spelled / "wire/envoy.md").unlink()
    (spelled / "coastal/return.md").unlink()
    ws.sync()
    people = by_name(ws, "PERSON")
    # One article each: the tie goes the same way everywhere.
    assert people["Han Seo-Yeon"].aliases == ["Han", "Han Seo-yeon"]
    assert ws.search("", limit=None).facets["entity"]["Han Seo-Yeon"] == 2
    assert people["Richard T. Hale"].aliases == []
    assert ws.search("", entities=["Han Seo Yeon"]).total == 2
    assert ws.search('entity:"Han Seo Yeon"').total == 2


def test_cli_json_lists_variants_as_aliases(
    spelled: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.cli import main

    monkeypatch.setenv("BRIEF_ENTITY_FINDER", "builtin")
    assert main(["--library", str(spelled), "entities", "--type", "person", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = {e["name"]: e for e in data["entities"]}
    assert names["Han Seo-yeon"]["aliases"] == ["Han", "Han Seo Yeon", "Han Seo-Yeon"]
    assert names["Richard T. Hale"]["aliases"] == ["Richard T Hale"]
    assert {"Kim Jong Il", "Kim Yo Jong", "Lee Min-ho", "Li Min-ho"} <= set(names)
    assert not {"Han Seo Yeon", "Han Seo-Yeon", "Richard T Hale"} & set(names)

    assert main(["--library", str(spelled), "entities", "wire/envoy.md", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    han = next(e for e in data["entities"] if e["name"] == "Han Seo-yeon")
    assert han["aliases"] == ["Han Seo Yeon"] and han["count"] == 2
    assert {m["entity"] for m in data["mentions"] if m["type"] == "PERSON"} == {
        "Han Seo-yeon",
        "Richard T. Hale",
        "Kim Jong Il",
    }

    # Tagging afresh merges the same way as the index.
    args = ["--library", str(spelled), "entities", "--finder", "builtin", "-t", "PERSON"]
    assert main([*args, "--json"]) == 0
    fresh = {e["name"]: e for e in json.loads(capsys.readouterr().out)["entities"]}
    assert fresh == names
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Han Seo-Yeon" in out and "Richard T Hale" in out  # shown as "also written"


# -- the store --------------------------------------------------------------------------


def test_store_merges_only_within_a_type_and_keeps_accents(tmp_path: Path) -> None:
    with MentionStore(tmp_path / "mentions.sqlite") as store:
        store.replace("a.md", "A", [Mention(0, 6, "JORDAN", "PLACE", "JORDAN")])
        store.replace("b.md", "B", [Mention(0, 6, "Jordan", "PERSON", "Jordan")])
        store.replace("c.md", "C", [Mention(0, 10, "José Martí", "PERSON", "José Martí")])
        store.replace("d.md", "D", [Mention(0, 10, "Jose Marti", "PERSON", "Jose Marti")])
        found = {(e.type, e.name): e for e in store.entities()}
        assert ("PLACE", "JORDAN") in found and ("PERSON", "Jordan") in found
        assert found[("PERSON", "José Martí")].aliases == ["Jose Marti"]
        assert found[("PERSON", "José Martí")].outlets == {"C": 1, "D": 1}
        assert [m.entity for m in store.mentions("d.md")] == ["José Martí"]


def test_caption_only_spellings_do_not_outvote_the_body(tmp_path: Path) -> None:
    with MentionStore(tmp_path / "mentions.sqlite") as store:
        caption = Mention(0, 11, "KIM YONG-NAM", "PERSON", "KIM YONG-NAM", in_caption=True)
        store.replace("a.md", "A", [caption])
        store.replace("b.md", "B", [caption])
        store.replace("c.md", "C", [Mention(0, 12, "Kim Yong-nam", "PERSON", "Kim Yong-nam")])
        (kim,) = store.entities("PERSON")
        assert (kim.name, kim.aliases, kim.count) == ("Kim Yong-nam", ["KIM YONG-NAM"], 1)


def test_a_store_written_before_merging_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "mentions.sqlite"
    with MentionStore(path) as store:
        store.replace("a.md", "A", [Mention(0, 12, "Han Seo Yeon", "PERSON", "Han Seo Yeon")])
        store.replace("b.md", "B", [Mention(0, 12, "Han Seo-yeon", "PERSON", "Han Seo-yeon")])
        store.replace("c.md", "C", [Mention(0, 12, "Han Seo-yeon", "PERSON", "Han Seo-yeon")])
    with sqlite3.connect(path) as db:  # as an older Brief left it: no names table
        db.execute("DROP TABLE names")
        db.execute("DELETE FROM meta WHERE key = 'names'")
    with MentionStore(path) as store:
        (yoo,) = store.entities()
        assert (yoo.name, yoo.aliases, yoo.count) == ("Han Seo-yeon", ["Han Seo Yeon"], 3)
        assert store.mentions("a.md")[0].entity == "Han Seo-yeon"
        store.clear()
        assert store.entities() == [] and store.canonical("PERSON", "Han") == "Han"


def grouped_listing(path: Path) -> list[dict[str, object]]:
    """The library listing worked out the long way, by grouping every stored mention (as
    the store did before it kept tallies): what the tallies must always agree with."""
    listing: dict[tuple[str, str], dict[str, object]] = {}
    with sqlite3.connect(path) as db:
        names = {
            (typ, entity): key
            for typ, entity, key in db.execute("SELECT type, entity, key FROM names")
        }
        spellings: dict[tuple[str, str], dict[str, int]] = {}
        for typ, entity, key, articles in db.execute(
            "SELECT type, entity, key, articles FROM names"
        ):
            spellings.setdefault((typ, key), {})[entity] = articles
        rows = db.execute(
            "SELECT type, entity, text, outlet, in_caption, COUNT(*) FROM mentions "
            "GROUP BY type, entity, text, outlet, in_caption"
        ).fetchall()
    for typ, entity, text, outlet, cap, n in rows:
        group = (typ, names[(typ, entity)])
        entry = listing.setdefault(group, {"aliases": set(), "count": 0, "outlets": {}})
        entry["aliases"] |= {text, entity}  # type: ignore[operator]
        if not cap:
            entry["count"] += n  # type: ignore[operator]
            outlets = entry["outlets"]
            outlets[outlet] = outlets.get(outlet, 0) + n  # type: ignore[union-attr]
    result = []
    for (typ, key), entry in listing.items():
        name = choose_name(spellings[(typ, key)])
        result.append(
            {
                "name": name,
                "type": typ,
                "aliases": sorted(entry["aliases"] - {name}, key=str.casefold),  # type: ignore[operator]
                "count": entry["count"],
                "outlets": dict(sorted(entry["outlets"].items())),  # type: ignore[union-attr]
            }
        )
    return sorted(result, key=lambda e: (-e["count"], e["type"], e["name"].casefold()))  # type: ignore[operator]


def test_listing_counts_follow_every_write(tmp_path: Path) -> None:
    """The listing is read from tallies kept on every write: after articles are stored,
    stored again with other mentions or another outlet, twice in one batch, and removed,
    it is what grouping every stored mention gives, and no tally is left at zero."""
    han = Mention(0, 12, "Han Seo-yeon", "PERSON", "Han Seo-yeon")
    han_spaced = Mention(20, 32, "Han Seo Yeon", "PERSON", "Han Seo Yeon")
    ms_han = Mention(40, 46, "Ms Han", "PERSON", "Han Seo-yeon")
    moscow = Mention(50, 56, "Moscow", "PLACE", "Russia")
    caption = Mention(60, 66, "Moscow", "PLACE", "Russia", in_caption=True)
    path = tmp_path / "mentions.sqlite"
    with MentionStore(path) as store:
        store.replace_many(
            [
                ("a.md", "Wire", [han, ms_han, moscow]),
                ("b.md", "Harbour Times", [han_spaced, caption]),
                ("c.md", "Wire", [han, moscow, caption]),
            ]
        )
        assert [e.to_json() for e in store.entities()] == grouped_listing(path)
        russia = next(e for e in store.entities() if e.name == "Russia")
        assert (russia.count, russia.outlets, russia.aliases) == (2, {"Wire": 2}, ["Moscow"])
        store.replace_many(
            [
                ("a.md", "Coastal Post", [han_spaced]),  # another outlet, fewer mentions
                ("d.md", "Wire", [moscow]),
                ("d.md", "Wire", [moscow, moscow, ms_han]),  # the same article twice
            ]
        )
        assert [e.to_json() for e in store.entities()] == grouped_listing(path)
        store.remove("c.md")
        store.remove("no-such.md")
        listed = [e.to_json() for e in store.entities()]
        assert listed == grouped_listing(path)
        person = next(e for e in listed if e["type"] == "PERSON")
        assert person["outlets"] == {"Coastal Post": 1, "Harbour Times": 1, "Wire": 1}
        assert [e.to_json() for e in store.entities("PLACE")] == [
            e for e in listed if e["type"] == "PLACE"
        ]
    with sqlite3.connect(path) as db:
        for table in ("entity_outlets", "entity_texts"):
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE mentions <= 0").fetchone() == (
                0,
            )


def test_the_listing_does_not_group_every_mention(tmp_path: Path) -> None:
    """Listing a big library's entities took 8-10 s when it grouped every mention row;
    it reads the kept tallies instead and never scans the mentions table."""
    path = tmp_path / "mentions.sqlite"
    with MentionStore(path) as store:
        store.replace("a.md", "Wire", [Mention(0, 6, "Moscow", "PLACE", "Russia")])
        store.entities()
        statements: list[str] = []
        store._db.set_trace_callback(statements.append)
        (russia,) = store.entities()
        assert (russia.name, russia.count, russia.aliases) == ("Russia", 1, ["Moscow"])
        assert statements and not any("FROM mentions" in s for s in statements)


def test_a_store_written_before_tallies_works_them_out_once(tmp_path: Path) -> None:
    path = tmp_path / "mentions.sqlite"
    with MentionStore(path) as store:
        store.replace("a.md", "Wire", [Mention(0, 6, "Moscow", "PLACE", "Russia")])
        store.replace("b.md", "Post", [Mention(0, 6, "Russia", "PLACE", "Russia")])
    with sqlite3.connect(path) as db:  # as an older Brief left it: no tallies
        db.execute("DROP TABLE entity_outlets")
        db.execute("DROP TABLE entity_texts")
        db.execute("DELETE FROM meta WHERE key = 'tallies'")
    with MentionStore(path) as store:
        (russia,) = store.entities()
        assert (russia.count, russia.outlets, russia.aliases) == (
            2,
            {"Post": 1, "Wire": 1},
            ["Moscow"],
        )
        store.remove("a.md")
        (russia,) = store.entities()
        assert (russia.count, russia.outlets, russia.aliases) == (1, {"Post": 1}, [])


# -- the app --------------------------------------------------------------------------------


async def test_app_entities_panel_searches_every_spelling(
    spelled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app_pilot import ready, settle

    from tui.app import BriefApp
    from tui.widgets.entities_panel import EntityList
    from tui.widgets.legend import CHOSEN_ENTITY_STYLE
    from tui.widgets.reader import Reader

    monkeypatch.setenv("BRIEF_ENTITY_FINDER", "builtin")
    app = BriefApp(spelled, bookmarks_path=tmp_path / "b.sqlite")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await app.open_article("wire/envoy.md")
        await settle(app, pilot)
        reader = app.main_screen.query_one("#reader", Reader)
        reader.focus()
        await pilot.press("e")
        await pilot.pause()
        entity_list = app.main_screen.query_one(EntityList)
        names = [entry.name for entry in entity_list.entries]
        assert "Han Seo-yeon" in names and "Han Seo Yeon" not in names
        entity_list.highlight("Han Seo-yeon")
        await pilot.press("enter")
        await pilot.pause()
        chosen = []
        for paragraph in reader.article.paragraphs:
            content = reader.paragraph_content(paragraph.index)
            chosen += [
                content.plain[s.start : s.end]
                for s in content.spans
                if s.style == CHOSEN_ENTITY_STYLE
            ]
        assert chosen == ["Han Seo Yeon", "Han Seo Yeon"]  # as this outlet writes it
        await pilot.press("s")
        await settle(app, pilot)
        assert app.main_screen.query_one("#query").value == 'entity:"Han Seo-yeon"'
        assert set(app.main_screen.hits) == HAN
