"""Entity tagging: the bundled reports against gold annotations, other events, bad input,
resolution rules, user entity lists, the mention store and ``brief entities``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from index.entities import EntityTagger, MentionStore, available_finders
from index.errors import BriefError
from index.library import Library
from index.mentions import Mention

GOLD = Path(__file__).parent / "gold"
BUNDLED = Path(__file__).resolve().parent.parent / "articles"
HAS_SPACY = "spacy" in available_finders()
FINDERS = [
    "builtin",
    pytest.param("spacy", marks=pytest.mark.skipif(not HAS_SPACY, reason="no spaCy")),
]
TARGETS = {"builtin": 0.85, "spacy": 0.9}


@pytest.fixture(scope="module")
def taggers() -> dict[str, EntityTagger]:
    found = {"builtin": EntityTagger(None, "builtin")}
    if HAS_SPACY:
        found["spacy"] = EntityTagger(None, "spacy")
    return found


def _article_by_outlet(outlet: str):
    lib = Library(BUNDLED)
    for entry in lib.entries():
        article = lib.load(entry.id)
        if article.outlet == outlet:
            return article
    raise AssertionError(f"no bundled article from {outlet}")


def _gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.json"))


def _scores(gold: set, found: set) -> tuple[float, float, float]:
    tp = len(gold & found)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def test_gold_files_match_article_bodies() -> None:
    assert len(_gold_files()) >= 3
    for path in _gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = _article_by_outlet(gold["outlet"])
        for m in gold["mentions"]:
            assert article.body[m["start"] : m["end"]] == m["text"], (path.name, m)


@pytest.mark.parametrize("finder", FINDERS)
def test_quality_against_gold(finder: str, taggers: dict[str, EntityTagger], capsys) -> None:
    tagger = taggers[finder]
    gold_all: set = set()
    found_all: set = set()
    for path in _gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = _article_by_outlet(gold["outlet"])
        gold_all |= {(path.stem, m["start"], m["end"], m["type"]) for m in gold["mentions"]}
        found_all |= {(path.stem, m.start, m.end, m.type) for m in tagger.tag(article)}
    f = _print_table(f"{tagger.finder_name} on the bundled reports", gold_all, found_all, capsys)
    assert f >= TARGETS[finder]


def _print_table(title: str, gold_all: set, found_all: set, capsys) -> float:
    """Print P/R/F1 by type and micro; return the micro F1."""
    lines = [f"{title}: P/R/F1 by type (exact span and type)"]
    for etype in sorted({k[3] for k in gold_all | found_all}):
        p, r, f = _scores(
            {k for k in gold_all if k[3] == etype}, {k for k in found_all if k[3] == etype}
        )
        lines.append(f"  {etype:9} P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f = _scores(gold_all, found_all)
    lines.append(f"  {'micro':9} P={p:.3f} R={r:.3f} F1={f:.3f}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    return f


# Gazetteer entries that name things only this story's reports mention: the test below
# takes them out, so the bundled scores also measure what the finders find on their own.
STORY_ENTRIES = (
    "Rason",
    "Tumangang",
    "Vostochny Cosmodrome",
    "Tsiolkovsky",
    "Blagoveshchensk",
    "Amur",
    "Yoo Sang-bum",
    "Planet Labs",
)


@pytest.mark.parametrize("finder", FINDERS)
def test_quality_without_the_storys_own_names(
    finder: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import index.entities.gazetteer as gazetteer

    lines = gazetteer.SHIPPED.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(tuple(f'"{n}" =' for n in STORY_ENTRIES))]
    assert len(lines) - len(kept) == len(STORY_ENTRIES)
    shipped = tmp_path / "gazetteer.toml"
    shipped.write_text("\n".join(kept), encoding="utf-8")
    monkeypatch.setattr(gazetteer, "SHIPPED", shipped)
    tagger = EntityTagger(None, finder)
    assert tagger.gazetteer.lookup("Yoo Sang-bum") is None
    gold_all: set = set()
    found_all: set = set()
    aliases: dict[str, set[str]] = {}
    for path in _gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = _article_by_outlet(gold["outlet"])
        gold_all |= {(path.stem, m["start"], m["end"], m["type"]) for m in gold["mentions"]}
        for m in tagger.tag(article):
            found_all.add((path.stem, m.start, m.end, m.type))
            aliases.setdefault(m.entity, set()).add(m.text)
    title = f"{tagger.finder_name} on the bundled reports, story's own names held out"
    assert _print_table(title, gold_all, found_all, capsys) >= TARGETS[finder]
    assert {"Yoo", "Yoo Sang-bum"} <= aliases["Yoo Sang-bum"]  # merged from the text alone


@pytest.mark.parametrize("finder", FINDERS)
def test_canonical_entities_on_gold(finder: str, taggers: dict[str, EntityTagger]) -> None:
    """Where a span is right, its canonical entity matches the gold one."""
    tagger = taggers[finder]
    for path in _gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = _article_by_outlet(gold["outlet"])
        want = {(m["start"], m["end"]): m["entity"] for m in gold["mentions"]}
        wrong = [
            (m.text, m.entity, want[(m.start, m.end)])
            for m in tagger.tag(article)
            if (m.start, m.end) in want
            and m.type not in ("DATE", "QUANTITY")
            and want[(m.start, m.end)] != m.entity
        ]
        assert not wrong, (path.name, wrong)


@pytest.mark.parametrize("finder", FINDERS)
def test_merges_named_by_the_issue(finder: str, taggers: dict[str, EntityTagger]) -> None:
    tagger = taggers[finder]
    lib = Library(BUNDLED)
    articles = [lib.load(e.id) for e in lib.entries()]
    aliases: dict[str, set[str]] = {}
    for article in articles:
        for m in tagger.tag(article):
            aliases.setdefault(m.entity, set()).add(m.text.replace("\u2019", "'"))
    assert {"DPRK", "North Korea", "Democratic People's Republic of Korea"} <= aliases[
        "North Korea"
    ]
    assert {"NIS", "National Intelligence Service"} <= aliases["National Intelligence Service"]
    assert {"Yoo", "Yoo Sang-bum"} <= aliases["Yoo Sang-bum"]
    assert {"AP", "Associated Press"} <= aliases["Associated Press"]
    assert "Pyongyang" in aliases["North Korea"]  # "Pyongyang dismissed..." is the state
    assert "Sergey Lavrov" in aliases["Sergei Lavrov"]


@pytest.mark.parametrize("finder", FINDERS)
def test_capital_as_place_and_as_government(finder: str, taggers: dict[str, EntityTagger]) -> None:
    text = (
        "SEOUL, South Korea - Officials spoke.\n\nPyongyang dismissed the report. "
        "Lavrov flew home from the airport in Pyongyang."
    )
    by_text = [(m.text, m.entity) for m in taggers[finder].tag_text(text)]
    assert ("SEOUL", "Seoul") in by_text
    assert by_text.count(("Pyongyang", "North Korea")) == 1
    assert ("Pyongyang", "Pyongyang") in by_text


@pytest.mark.parametrize("finder", FINDERS)
def test_conventions(finder: str, taggers: dict[str, EntityTagger]) -> None:
    text = (
        "Russian President Vladimir Putin met the Associated Press. "
        "Mr Yoo spoke after lawmaker Yoo Sang-bum's briefing. Kim Jong-un watched."
    )
    mentions = taggers[finder].tag_text(text)
    texts = {m.text: m for m in mentions}
    assert "Vladimir Putin" in texts and texts["Vladimir Putin"].type == "PERSON"
    assert "Associated Press" in texts  # no leading "the"
    assert "Yoo Sang-bum" in texts  # no possessive 's
    assert texts["Yoo"].entity == "Yoo Sang-bum"
    assert texts["Kim Jong-un"].entity == "Kim Jong Un"
    assert not any(m.text in ("Russian", "President") for m in mentions)


OTHER_EVENTS = [
    (
        "Floods in Valencia: Spain's Prime Minister Pedro Sanchez visited Paiporta on Sunday. "
        "The Spanish Red Cross said more than 200 people died. Mayor Maribel Albalat asked "
        "the European Union for help, and Sanchez promised 10 billion euros.",
        {
            ("Valencia", "PLACE"),
            ("Spain", "PLACE"),
            ("Pedro Sanchez", "PERSON"),
            ("Paiporta", "PLACE"),
            ("Maribel Albalat", "PERSON"),
            ("European Union", "ORG"),
            ("Sunday", "DATE"),
        },
    ),
    (
        "Chancellor Olaf Scholz told the Bundestag on Wednesday that Germany would send "
        "more Patriot air defence systems to Ukraine. Defence Minister Boris Pistorius said "
        "Rheinmetall Group would deliver 155mm artillery shells. Pistorius spoke in Berlin.",
        {
            ("Olaf Scholz", "PERSON"),
            ("Germany", "PLACE"),
            ("Ukraine", "PLACE"),
            ("Boris Pistorius", "PERSON"),
            ("Rheinmetall Group", "ORG"),
            ("Wednesday", "DATE"),
            ("artillery shells", "WEAPON"),
        },
    ),
    (
        "Doctors Without Borders said Dr. Amina Yusuf treated 300 patients in Khartoum after "
        "the Rapid Support Forces shelled the city. Yusuf told Reuters that the World Health "
        "Organization had sent supplies to Port Sudan.",
        {
            ("Amina Yusuf", "PERSON"),
            ("Rapid Support Forces", "ORG"),
            ("Reuters", "ORG"),
            ("World Health Organization", "ORG"),
            ("Port Sudan", "PLACE"),
        },
    ),
]


@pytest.mark.parametrize("finder", FINDERS)
@pytest.mark.parametrize(("text", "expected"), OTHER_EVENTS)
def test_other_events(
    finder: str, taggers: dict[str, EntityTagger], text: str, expected: set
) -> None:
    mentions = taggers[finder].tag_text(text)
    found = {(m.text, m.type) for m in mentions}
    missing = expected - found
    # Demanding but fair for rules and a small model: at most one miss per report.
    assert len(missing) <= 1, missing
    assert not {m.text for m in mentions} & {"The", "Floods", "Doctors", "Mayor", "Chancellor"}
    surname = [m for m in mentions if m.text in ("Sanchez", "Pistorius", "Yusuf")]
    assert surname and all(" " in m.entity for m in surname)


BAD_INPUTS = [
    "",
    "word",
    "NORTH KOREA SENT ARTILLERY SHELLS TO RUSSIA SAYS THE NIS AND US OFFICIALS",
    "north korea sent shells to russia, seoul says, according to yoo.",
    "[bold]Putin[/bold] \\x1b[31m red \x1b[0m <b>Kim</b> \\n \t \x00 \ufeff ()[]{} ’’ ––",
    "A" * 5000,
    "Kim-" * 300 + "35",
    "\n\n\n(((NIS)))",
]


@pytest.mark.parametrize("finder", FINDERS)
@pytest.mark.parametrize("text", BAD_INPUTS)
def test_bad_input_gives_a_result(finder: str, taggers: dict[str, EntityTagger], text: str) -> None:
    mentions = taggers[finder].tag_text(text)
    _assert_well_formed(text, mentions)


def test_all_caps_is_not_all_orgs(taggers: dict[str, EntityTagger]) -> None:
    mentions = taggers["builtin"].tag_text(BAD_INPUTS[2])
    assert not [m for m in mentions if m.type == "ORG" and m.text in ("SENT", "SAYS", "THE", "AND")]


@pytest.mark.parametrize("finder", FINDERS)
def test_one_megabyte(finder: str, taggers: dict[str, EntityTagger]) -> None:
    paragraph = _article_by_outlet("The Hill").body
    text = (paragraph + "\n\n") * (1_000_000 // (len(paragraph) + 2) + 1)
    mentions = taggers[finder].tag_text(text)
    _assert_well_formed(text, mentions)
    assert Counter(m.entity for m in mentions)["North Korea"] > 1000


def _assert_well_formed(text: str, mentions: list[Mention]) -> None:
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end, "mentions overlap or are unsorted"
        assert text[m.start : m.end] == m.text
        assert m.entity
        last_end = m.end


def test_captions_flagged(taggers: dict[str, EntityTagger]) -> None:
    article = _article_by_outlet("The Hill")
    captions = [p for p in article.paragraphs if p.kind == "caption"]
    assert captions
    mentions = taggers["builtin"].tag(article)
    flagged = [m for m in mentions if m.in_caption]
    assert flagged
    assert all(any(p.start <= m.start < p.end for p in captions) for m in flagged)
    assert any(m.text == "Sputnik" for m in flagged)


def test_user_entities_extend_and_change_fingerprint(library: Path, isolated_dirs: Path) -> None:
    before = EntityTagger(library, "builtin")
    text = "Officials at Acme Widgets confirmed that the Zorblax-9 launcher was tested."
    assert not [m for m in before.tag_text(text) if m.entity == "Acme Widgets Ltd"]
    (library / "entities.toml").write_text(
        '[[entity]]\nname = "Acme Widgets Ltd"\ntype = "ORG"\naliases = ["Acme Widgets"]\n',
        encoding="utf-8",
    )
    config = isolated_dirs / "config" / "brief"
    config.mkdir(parents=True)
    (config / "entities.toml").write_text('[WEAPON]\n"Zorblax-9" = ["Zorblax"]\n', encoding="utf-8")
    after = EntityTagger(library, "builtin")
    assert after.fingerprint != before.fingerprint
    found = {(m.text, m.type, m.entity) for m in after.tag_text(text)}
    assert ("Acme Widgets", "ORG", "Acme Widgets Ltd") in found
    assert ("Zorblax-9", "WEAPON", "Zorblax-9") in found


def test_bad_user_entities_give_a_clear_message(library: Path) -> None:
    (library / "entities.toml").write_text('[[entity]]\nname = "X"\ntype = "ANIMAL"\n')
    with pytest.raises(BriefError, match="ANIMAL"):
        EntityTagger(library, "builtin")
    (library / "entities.toml").write_text("this is = = not toml")
    with pytest.raises(BriefError, match="not valid TOML"):
        EntityTagger(library, "builtin")


def test_fingerprint_depends_on_finder() -> None:
    builtin = EntityTagger(None, "builtin")
    assert builtin.finder_name == "builtin"
    assert builtin.fingerprint == EntityTagger(None, "builtin").fingerprint
    if HAS_SPACY:
        spacy = EntityTagger(None, "spacy")
        assert spacy.finder_name.startswith("spacy:en_core_web_sm")
        assert spacy.fingerprint != builtin.fingerprint
    with pytest.raises(BriefError):
        EntityTagger(None, "gpt")


def test_store_round_trip_and_summaries(tmp_path: Path) -> None:
    path = tmp_path / "mentions.sqlite"
    with MentionStore(path) as store:
        assert store.fingerprint is None
        store.fingerprint = "abc"
        store.replace(
            "a.md",
            "The Hill",
            [
                Mention(0, 4, "DPRK", "PLACE", "North Korea"),
                Mention(10, 21, "North Korea", "PLACE", "North Korea"),
                Mention(30, 33, "Kim", "PERSON", "Kim Jong Un", in_caption=True),
            ],
        )
        store.replace("b.md", "GDC", [Mention(0, 11, "North Korea", "PLACE", "North Korea")])
        store.replace("b.md", "GDC", [Mention(5, 16, "North Korea", "PLACE", "North Korea")])
    with MentionStore(path) as store:
        assert store.fingerprint == "abc"
        assert [m.start for m in store.mentions("b.md")] == [5]
        assert store.mentions("a.md")[2].in_caption
        nk = store.entities()[0]
        assert (nk.name, nk.count, nk.outlets, nk.aliases) == (
            "North Korea",
            3,
            {"GDC": 1, "The Hill": 2},
            ["DPRK"],
        )
        kim = store.entities("PERSON")[0]
        assert (kim.count, kim.outlets) == (0, {})  # captions are not counted
        store.remove("a.md")
        assert store.mentions("a.md") == []
        with pytest.raises(BriefError):
            store.entities("ANIMAL")


def test_cli_entities_json(library: Path, capsys) -> None:
    from tui.cli import main

    lib = Library(library)
    article_id = next(e.id for e in lib.entries() if lib.load(e.id).outlet == "The Hill")
    assert main(["--library", str(library), "entities", article_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"] == article_id and data["finder"]
    assert set(data["mentions"][0]) == {"start", "end", "text", "type", "entity", "in_caption"}
    yoo = next(e for e in data["entities"] if e["name"] == "Yoo Sang-bum")
    assert yoo["type"] == "PERSON" and yoo["outlets"] == {"The Hill": yoo["count"]}

    assert main(["--library", str(library), "entities", "--type", "person", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"] is None
    assert {e["type"] for e in data["entities"]} == {"PERSON"}
    putin = next(e for e in data["entities"] if e["name"] == "Vladimir Putin")
    assert len(putin["outlets"]) == 5 and "Putin" in putin["aliases"]


def test_cli_entities_text_and_about(library: Path, capsys) -> None:
    from tui.cli import main

    assert main(["--library", str(library), "entities", "--about"]) == 0
    out = capsys.readouterr().out
    assert "finder:" in out and "gazetteer.toml" in out
    assert main(["--library", str(library), "entities", "--finder", "builtin", "-t", "ORG"]) == 0
    out = capsys.readouterr().out
    assert "Kyodo" in out and "ORG" in out and "PLACE" not in out
    with pytest.raises(SystemExit):
        main(["--library", str(library), "entities", "no/such.md"])
    assert "no article" in capsys.readouterr().err


def _other_gold() -> list[tuple[str, set]]:
    """Reports about other events, annotated by hand before any tagger ran on them."""
    cases = []
    for path in sorted((GOLD / "other").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text, pos, gold = data["text"], 0, set()
        for surface, etype in data["mentions"]:
            start = text.index(surface, pos)
            gold.add((path.stem, start, start + len(surface), etype))
            pos = start + len(surface)
        cases.append((text, gold))
    return cases


@pytest.mark.parametrize("finder", FINDERS)
def test_quality_on_other_events(finder: str, taggers: dict[str, EntityTagger], capsys) -> None:
    cases = _other_gold()
    assert len(cases) >= 2
    gold_all, found_all = set(), set()
    for (text, gold), name in zip(
        cases, sorted(p.stem for p in (GOLD / "other").glob("*.json")), strict=True
    ):
        gold_all |= gold
        found_all |= {(name, m.start, m.end, m.type) for m in taggers[finder].tag_text(text)}
    f = _print_table(f"{taggers[finder].finder_name} on other events", gold_all, found_all, capsys)
    assert f >= TARGETS[finder]


@pytest.mark.parametrize("finder", FINDERS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya bought Bayraktar TB2 drones and BrahMos anti-ship cruise missiles.",
            {("Bayraktar TB2", "WEAPON"), ("BrahMos", "WEAPON")},
        ),
        ("Russian Kh-35 missiles and Hamas rockets hit.", {("Kh-35", "WEAPON")}),
        ("Ukraine's Neptune missiles hit a ship.", {("Neptune", "WEAPON")}),
        (
            "The ruling says Eskom must pay. Eskom spokesman Daphne Mokwena told the South "
            "African Broadcasting Corporation that Chief Justice Mandisa Maya erred, and "
            "residents of Emalahleni and Mbombela agreed; about 2 million residents were hit.",
            {
                ("Eskom", "ORG"),
                ("Daphne Mokwena", "PERSON"),
                ("South African Broadcasting Corporation", "ORG"),
                ("Mandisa Maya", "PERSON"),
                ("Emalahleni", "PLACE"),
                ("Mbombela", "PLACE"),
                ("about 2 million residents", "QUANTITY"),
            },
        ),
        (
            "The Armed Forces of the Philippines said so, as did the Center for Strategic "
            "and International Studies.",
            {
                ("Armed Forces of the Philippines", "ORG"),
                ("Center for Strategic and International Studies", "ORG"),
            },
        ),
        (
            "Commodore Jay Tarriela said two warships sailed west of Luzon.",
            {("Jay Tarriela", "PERSON"), ("warships", "WEAPON"), ("Luzon", "PLACE")},
        ),
        (
            "Defence Secretary Gilberto Teodoro said at least six vessels came.",
            {("Gilberto Teodoro", "PERSON"), ("at least six", "QUANTITY")},
        ),
        (
            "Detective Chief Superintendent Robin Lardot of the National Bureau of Investigation "
            "said the cable in the Gulf of Finland was cut. Fingrid, the grid operator, said two "
            "frigates and about 600 vessels sailed.",
            {
                ("Robin Lardot", "PERSON"),
                ("National Bureau of Investigation", "ORG"),
                ("Gulf of Finland", "PLACE"),
                ("Fingrid", "ORG"),
                ("two", "QUANTITY"),
                ("frigates", "WEAPON"),
                ("about 600 vessels", "QUANTITY"),
            },
        ),
    ],
)
def test_general_rules(
    finder: str, taggers: dict[str, EntityTagger], text: str, expected: set
) -> None:
    """Rules that fixed misses on the other-event reports, on sentences of their own."""
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    assert expected <= found, expected - found
    assert not {t for t, _ in found} & {"Russian", "Commodore", "Defence", "the Philippines"}
    assert not {t for t, ty in found if ty == "WEAPON"} & {"Hamas", "Hamas rockets"}


@pytest.mark.parametrize("finder", FINDERS)
def test_a_name_before_a_weapon_is_not_always_a_model(
    finder: str, taggers: dict[str, EntityTagger]
) -> None:
    text = "Witnesses saw Tatiana Singh tanks. Mayor Jose Álvarez Lviv drones flew overhead."
    weapons = {m.text for m in taggers[finder].tag_text(text) if m.type == "WEAPON"}
    assert not weapons & {"Tatiana Singh", "Singh", "Lviv", "Álvarez Lviv"}


@pytest.mark.parametrize("finder", FINDERS)
def test_definite_counts_are_not_quantities(finder: str, taggers: dict[str, EntityTagger]) -> None:
    text = "Talks between the two countries stalled, the three nations wrote. It took two months."
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    assert ("two months", "QUANTITY") in found
    assert not {t for t, ty in found if ty == "QUANTITY"} & {"two countries", "three nations"}


def test_finder_chosen_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_ENTITY_FINDER", "builtin")
    assert EntityTagger(None).finder_name == "builtin"
    monkeypatch.setenv("BRIEF_ENTITY_FINDER", "nonsense")
    with pytest.raises(BriefError, match="BRIEF_ENTITY_FINDER"):
        EntityTagger(None)


def test_any_text_gives_well_formed_mentions() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    tagger = EntityTagger(None, "builtin")
    words = st.sampled_from(
        [
            "North",
            "Korea",
            "Mr",
            "Yoo",
            "NIS",
            "(NIS)",
            "the",
            "Pyongyang",
            "said",
            "U.S.",
            "Kh-35",
            "2,000",
            "more",
            "than",
            "missiles",
            "short-range",
            "\n\n",
            ",",
            "’s",
            "SEOUL",
            "[bold]",
            "\\",
            "Kim",
            "Jong-un",
            "and",
            "of",
            "Ministry",
            "in",
            "\x00",
            "é",
        ]
    )

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(st.text(max_size=300), st.lists(words, max_size=60).map(" ".join)))
    def check(text: str) -> None:
        _assert_well_formed(text, tagger.tag_text(text))

    check()


@pytest.mark.parametrize("finder", FINDERS)
def test_names_with_accents_are_whole(finder: str, taggers: dict[str, EntityTagger]) -> None:
    """A tester's library listed "Jos", "Agnieszka Gonz", "Dmitry S": names were cut at the
    first letter outside A-Z."""
    text = (
        "Spanish Foreign Minister José Manuel Albares met Jürgen Müller, a spokesman for "
        "Rheinmetall, in Gdańsk. Ana González and Agnieszka Wójcik of the Polish Institute of "
        "International Affairs said the talks in Malmö went well. Dmitry Świątek and Iryna "
        "Mudryk told Şebnem Korur Fincancı about it."
    )
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    people = {t for t, ty in found if ty == "PERSON"}
    assert {
        "José Manuel Albares",
        "Jürgen Müller",
        "Ana González",
        "Agnieszka Wójcik",
        "Dmitry Świątek",
        "Şebnem Korur Fincancı",
    } <= people, people
    assert ("Gdańsk", "PLACE") in found and ("Malmö", "PLACE") in found
    assert ("Polish Institute of International Affairs", "ORG") in found
    assert not people & {"Jos", "J", "Ana Gonz", "Agnieszka W", "Dmitry", "Manuel Albares"}


@pytest.mark.parametrize("finder", FINDERS)
def test_a_known_name_matches_whatever_its_accents(
    finder: str, taggers: dict[str, EntityTagger]
) -> None:
    """The gazetteer lists "Recep Tayyip Erdogan"; both finders split the accented spelling."""
    text = "Turkish President Recep Tayyip Erdoğan flew to Bogotá, where Erdogan spoke."
    found = {(m.text, m.type, m.entity) for m in taggers[finder].tag_text(text)}
    assert ("Recep Tayyip Erdoğan", "PERSON", "Recep Tayyip Erdogan") in found
    assert ("Erdogan", "PERSON", "Recep Tayyip Erdogan") in found
    assert ("Bogotá", "PLACE") in {(t, ty) for t, ty, _ in found}
    assert not {t for t, _, _ in found} & {"Recep Tayyip", "Erdoğan"}


@pytest.mark.parametrize("finder", FINDERS)
def test_hyphenated_korean_given_names(finder: str, taggers: dict[str, EntityTagger]) -> None:
    text = (
        "Prime Minister Han Duck-soo met Defence Minister Shin Won-sik in Seoul. "
        "A Trump-era rule and Putin-backed forces were discussed."
    )
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    assert {("Han Duck-soo", "PERSON"), ("Shin Won-sik", "PERSON")} <= found, found
    assert not {t for t, _ in found} & {"Han Duck", "Shin Won", "Trump-era", "Putin-backed"}


@pytest.mark.parametrize("finder", FINDERS)
@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("He said at 10:42 p.m. that talks were over.", "10:42 p.m."),
        ("The blast came at 9 am on the dot.", "9 am"),
        ("Trading halted at 14:30 GMT after the news.", "14:30 GMT"),
    ],
)
def test_times_of_day_are_dates_not_quantities(
    finder: str, taggers: dict[str, EntityTagger], text: str, time: str
) -> None:
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    assert (time, "DATE") in found
    assert not [t for t, ty in found if ty == "QUANTITY"], found


@pytest.mark.parametrize("finder", FINDERS)
def test_wire_markers_and_labels_are_not_entities(
    finder: str, taggers: dict[str, EntityTagger]
) -> None:
    text = (
        "EDITOR'S NOTE — This story was updated with comments from the ministry.\n\n"
        "GDAŃSK, Poland — The talks ended on Friday, officials in Warsaw said.\n\n"
        "UPDATE 2: The NATO summit will go ahead, its spokesman said.\n\n(END)"
    )
    found = {(m.text, m.type) for m in taggers[finder].tag_text(text)}
    assert not {t for t, _ in found} & {"END", "EDITOR", "EDITOR'S", "EDITOR'S NOTE", "UPDATE"}
    assert ("GDAŃSK", "PLACE") in found and ("NATO", "ORG") in found, found


def test_letter_classes_cover_unicode() -> None:
    """The finders' regex classes agree with Unicode categories; folding keeps offsets."""
    import re
    import unicodedata

    from index.entities.letters import UPPER, WORD, fold_accents

    upper, word = re.compile(f"[{UPPER}]"), re.compile(f"[{WORD}]")
    for ch in "AZÉŁŞĐǅΩЖ":
        assert upper.fullmatch(ch), ch
    for ch in "azéłşđßωжı\u0301":
        assert word.fullmatch(ch) and not upper.fullmatch(ch), ch
    for ch in " _-'.,—":
        assert not word.fullmatch(ch), ch
    assert unicodedata.category("\u0301") == "Mn"
    text = "Recep Tayyip Erdoğan in Łódź, Malmö and Bogotá — “x”"
    assert fold_accents(text) == "Recep Tayyip Erdogan in Lodz, Malmo and Bogota — “x”"
    assert len(fold_accents(text)) == len(text)


@pytest.mark.parametrize("finder", FINDERS)
def test_accented_datelines_and_acronyms(finder: str, taggers: dict[str, EntityTagger]) -> None:
    """Datelines and acronym definitions read upper-case letters outside A-Z too."""
    text = (
        "ŁÓDŹ, Poland — Officials in Łódź said the Ökonomie Institut (ÖI) was right, and the "
        "Partido Popular Europeo (PPE) agreed. ÖI data and the PPE vote were cited."
    )
    found = {(m.text, m.type, m.entity) for m in taggers[finder].tag_text(text)}
    assert ("ŁÓDŹ", "PLACE", "Łódź") in found
    assert ("ÖI", "ORG", "Ökonomie Institut") in found
    assert ("PPE", "ORG", "Partido Popular Europeo") in found
    assert ("Partido Popular Europeo", "ORG", "Partido Popular Europeo") in found
