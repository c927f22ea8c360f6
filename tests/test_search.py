"""Search: the query language, folding, ranking, passages and snippets, facets, filters,
did-you-mean and junk input, on the bundled articles plus a few made-up ones."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.search import analyze_word
from index.workspace import Workspace
from tests.test_index import write


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    import os
    import shutil

    from tests.conftest import BUNDLED

    home = tmp_path_factory.mktemp("search-home")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    root = home / "library"
    shutil.copytree(BUNDLED, root)
    write(
        root,
        "extra/moscow.md",
        "Шойгу visits Pyongyang",
        "Moscow Wire",
        "Сергей Шойгу met officials. Hélène Dupont of Zürich watched the parade.",
        "A second paragraph about drones and the parade grounds.",
        published="2023-07-27",
        author="Ivan Petrov",
        story="shoigu-visit",
    )
    write(
        root,
        "extra/zoo.md",
        "Drones over the zoo",
        "Local Paper",
        "Drones flew over the zoo. Nobody was hurt.",
        published="2022-03-01",
    )
    workspace = Workspace.open(root, finder="builtin")
    workspace.sync()
    yield workspace
    workspace.close()
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


def outlets(results) -> set[str]:
    return {hit.outlet for hit in results.hits}


def ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def test_words_are_anded(ws: Workspace) -> None:
    both = ws.search("drones zoo")
    assert ids(both) == {"extra/zoo.md"}
    assert ws.search("drones").total == 2


def test_or_and_not(ws: Workspace) -> None:
    assert ws.search("zoo OR Шойгу").total == 2
    assert ids(ws.search("drones NOT zoo")) == {"extra/moscow.md"}
    assert ids(ws.search("drones -zoo")) == {"extra/moscow.md"}
    everything_but = ws.search("-artillery", limit=None)
    assert all("artillery" not in ws.article(h.id).body.lower() for h in everything_but.hits)
    assert everything_but.total >= 2


def test_hyphenated_words_are_not_negations(ws: Workspace) -> None:
    results = ws.search("Sang-bum")
    assert results.total >= 1
    assert all("Sang-bum" in ws.article(h.id).body for h in results.hits)


def test_phrases_keep_word_order(ws: Workspace) -> None:
    assert ws.search('"artillery shells"').total >= 3
    assert ws.search('"shells artillery"').total == 0
    assert ws.search('"parade grounds"').total == 1


def test_stemming_matches_other_forms(ws: Workspace) -> None:
    assert ws.search("missile").total == ws.search("missiles").total >= 4


def test_prefix_as_typed(ws: Workspace) -> None:
    artil = ws.search("artil*")
    assert artil.total == ws.search("artillery").total
    assert ids(ws.search("Pyong*")) >= {"extra/moscow.md"}
    assert ws.search("zzq*").total == 0


def test_fuzzy(ws: Workspace) -> None:
    assert ws.search("artilery~").total == ws.search("artillery").total
    assert ws.search("dornes~").total >= 2  # a transposition is one edit


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('outlet:"The Hill"', {"The Hill"}),
        ("outlet:hill", {"The Hill"}),
        ("author:dedovic", {"Financial World"}),
        ("author:petrov", {"Moscow Wire"}),
        ("story:shoigu-visit", {"Moscow Wire"}),
        ("title:zoo", {"Local Paper"}),
    ],
)
def test_field_queries(ws: Workspace, query: str, expected: set[str]) -> None:
    assert outlets(ws.search(query)) == expected


def test_title_field_is_only_the_title(ws: Workspace) -> None:
    assert ws.search("title:nobody").total == 0
    assert ws.search("nobody").total == 1


def test_date_ranges(ws: Workspace) -> None:
    assert outlets(ws.search("published:[2023-11-01 TO 2023-11-01]")) == {"ICARO Media Group"}
    assert ws.search("published:[2023-11-02 TO 2023-11-03]").total == 3
    assert outlets(ws.search("drones published:[2022-01-01 TO 2022-12-31]")) == {"Local Paper"}


def test_filters(ws: Workspace) -> None:
    assert outlets(ws.search("drones", outlets=["moscow wire"])) == {"Moscow Wire"}
    assert outlets(ws.search("drones", since="2023-01-01")) == {"Moscow Wire"}
    assert outlets(ws.search("drones", until="2022-03-01")) == {"Local Paper"}
    assert ws.search("drones", since="2024-01-01").total == 0
    assert ws.search("Korea", since="2023-11-02", until="2023-11-02").total == 3
    # months and years as the app and the CLI take them, not only full dates
    assert ws.search("Korea", since="2023-11", until="2023-11").total == 4
    assert ws.search("drones", until="2022").total == ws.search("drones", until="2022-12-31").total
    with pytest.raises(ValueError, match="not a date"):
        ws.search("Korea", since="2023-13")


def test_case_and_accent_insensitive_in_every_script(ws: Workspace) -> None:
    for typed in ("Сергей", "сергей", "СЕРГЕЙ", "сергеи"):
        assert ids(ws.search(typed)) == {"extra/moscow.md"}, typed
    for typed in ("hélène", "HELENE", "Helene", "zurich", "ZÜRICH"):
        assert ids(ws.search(typed)) == {"extra/moscow.md"}, typed


def test_title_weighs_more_than_body(ws: Workspace) -> None:
    results = ws.search("drones")
    assert results.hits[0].id == "extra/zoo.md"  # in its title and body, vs body only


def test_results_are_ranked_by_score_and_dates_sort(ws: Workspace) -> None:
    results = ws.search("north korea russia", limit=None)
    scores = [h.score for h in results.hits]
    assert scores == sorted(scores, reverse=True)
    by_date = ws.search("north korea russia", sort="date", limit=None)
    dates = [h.published for h in by_date.hits if h.published]
    assert dates == sorted(dates, reverse=True)
    assert {h.id for h in by_date.hits} == {h.id for h in results.hits}


def test_ranking_matches_brute_force_bm25f(ws: Workspace) -> None:
    """Whoosh's top hits agree with BM25F computed directly from the article texts."""
    query = "ballistic missiles"
    results = ws.search(query, limit=None)
    articles = [ws.article(s.id) for s in ws.articles()]
    words = [analyze_word(w) for w in query.split()]

    def tokens(text: str) -> list[str]:
        return [analyze_word(w) for w in re.findall(r"\w+", text)]

    fields = {"title": 2.0, "body": 1.0}
    docs = {a.id: {"title": tokens(a.title), "body": tokens(a.body)} for a in articles}
    avg = {f: sum(len(d[f]) for d in docs.values()) / len(docs) for f in fields}
    n = len(docs)

    def score(doc: dict[str, list[str]]) -> float | None:
        total = 0.0
        for word in words:
            if not any(word in doc[f] for f in fields):
                return None
            for field, boost in fields.items():
                df = sum(1 for d in docs.values() if word in d[field])
                if not df:
                    continue
                idf = math.log(n / (df + 1)) + 1
                tf = doc[field].count(word) * boost
                length = len(doc[field]) * boost
                norm = tf / ((1 - 0.75) + 0.75 * length / (avg[field] * boost))
                total += idf * ((norm * 2.2) / (norm + 1.2))
        return total

    brute = {i: s for i, d in docs.items() if (s := score(d)) is not None}
    assert {h.id for h in results.hits} == set(brute)
    best_brute = max(brute, key=brute.__getitem__)
    assert results.hits[0].id == best_brute


def test_passage_and_snippet_mark_matched_words(ws: Workspace) -> None:
    results = ws.search("artillery shells")
    assert results.hits
    for hit in results.hits:
        body = ws.article(hit.id).body
        article = ws.article(hit.id)
        paragraph = article.paragraphs[hit.passage.index]
        assert (paragraph.start, paragraph.end) == (hit.passage.start, hit.passage.end)
        assert hit.snippet.strip("…") in body[hit.passage.start : hit.passage.end]
        assert hit.highlights
        marked = {analyze_word(hit.snippet[s:e]) for s, e in hit.highlights}
        assert marked <= {"artilleri", "shell"}
        assert len(hit.snippet) <= 300


def test_snippet_of_a_long_paragraph_is_cut_around_the_match(ws: Workspace, tmp_path: Path) -> None:
    long_text = " ".join(["filler"] * 150 + ["quagga"] + ["filler"] * 150)
    from index.search import make_snippet, mark_words

    marks = mark_words(long_text, {"quagga"})
    snippet, highlights = make_snippet(long_text, (0, len(long_text)), marks)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in highlights] == ["quagga"]


def test_outlet_facets_cover_the_whole_result_set(ws: Workspace) -> None:
    results = ws.search("korea", limit=1)
    assert len(results.hits) == 1
    assert sum(results.facets["outlet"].values()) == results.total >= 5
    assert set(results.facets["outlet"]) == {
        "The Irish News",
        "The Hill",
        "ICARO Media Group",
        "GDC",
        "Financial World",
    }


def test_entity_facets_count_each_hit_and_break_ties_by_name(ws: Workspace) -> None:
    from collections import Counter

    results = ws.search("the", limit=None)
    counted = Counter(name for hit in results.hits for name in ws_entities(ws, hit.id))
    expected = sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:30]
    assert len(expected) == 30 and expected[0][1] > expected[-1][1]
    assert list(results.facets["entity"].items()) == expected
    assert ws.search("zebraquaggazz").facets == {"outlet": {}, "entity": {}}


def ws_entities(ws: Workspace, article_id: str) -> tuple[str, ...]:
    _searcher, data = ws._searcher()
    return data.entities[data.ids.index(article_id)]


def test_did_you_mean(ws: Workspace) -> None:
    results = ws.search("artilery")
    assert results.total == 0
    assert results.suggestion == "artillery"
    assert results.suggestion_total >= 4
    assert ws.search("artillery").suggestion is None
    assert ws.search("Artilery shells").suggestion == "Artillery shells"
    assert ws.search("artilery", suggest=False).suggestion is None


def test_json_shape(ws: Workspace) -> None:
    data = ws.search("artillery").to_json()
    assert set(data) == {"query", "total", "suggestion", "facets", "hits"}
    hit = data["hits"][0]
    assert {"id", "title", "outlet", "published", "score", "passage", "snippet"} <= set(hit)
    assert set(hit["passage"]) == {"index", "start", "end"}


JUNK = [
    "",
    "   ",
    '"',
    '"unclosed phrase',
    "(((",
    ")))",
    "AND",
    "OR OR OR",
    "NOT",
    "-",
    "--",
    "*",
    "**",
    "~",
    "~~2",
    "title:",
    ":",
    "nosuchfield:word",
    "published:[x TO",
    "published:[2023-13-45 TO 2023-99-99]",
    "published:>yesterday-ish",
    "[",
    "]",
    "{}",
    "^2",
    "word^",
    "\\",
    "a" * 5000,
    "\x00\x1b[31m",
    "🙂 emoji",
    "?",
    "*a*",
    "a?c*",
]


@pytest.mark.parametrize("query", JUNK)
def test_junk_queries_never_raise(ws: Workspace, query: str) -> None:
    results = ws.search(query)
    assert results.total >= 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_is_accepted(ws: Workspace, query: str) -> None:
    assert ws.search(query, limit=3).total >= 0


def test_phrase_highlights_only_the_phrase(ws: Workspace) -> None:
    results = ws.search('"parade grounds"')
    (hit,) = results.hits
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["parade", "grounds"]
    body = ws.article(hit.id).body
    from index.search import Highlighter, mark_words

    marks = mark_words(body, Highlighter(phrases=(("parad", "ground"),)))
    assert [body[s:e] for s, e in marks] == ["parade", "grounds"]  # not the lone "parade"


def test_catalog_rows_follow_writes_from_another_connection(tmp_path: Path) -> None:
    from index.catalog import ArticleSummary, Catalog, CatalogRow

    def row(article_id: str, title: str) -> CatalogRow:
        summary = ArticleSummary(article_id, title, "Outlet", None, None, None, None)
        return CatalogRow(summary, 1, 2, "hash", ("Kim Jong Un",))

    reader, writer = Catalog(tmp_path / "c.sqlite"), Catalog(tmp_path / "c.sqlite")
    reader.put([row("a", "First")])
    assert [r.summary.title for r in reader.rows().values()] == ["First"]
    writer.put([row("a", "Renamed"), row("b", "Second")])
    writer.add_word_counts({"drones": 2})
    assert [r.summary.title for r in reader.rows().values()] == ["Renamed", "Second"]
    assert reader.word_counts() == {"drones": 2}
    reader.rows().clear()  # callers get their own copy
    reader.delete(["b"])
    assert list(reader.rows()) == ["a"]
    reader.close()
    writer.close()


def test_search_threads_share_derived_data_only_while_the_documents_are_the_same(
    tmp_path: Path,
) -> None:
    import threading

    from tests.conftest import BUNDLED

    root = tmp_path / "library"
    import shutil

    shutil.copytree(BUNDLED, root)
    workspace = Workspace.open(root, finder="builtin")
    workspace.sync()
    here = workspace.search("korea*", limit=None)
    found: list[object] = []

    def search_in_thread(query: str) -> None:
        found.append(workspace.search(query, limit=None))

    thread = threading.Thread(target=search_in_thread, args=("korea*",))
    thread.start()
    thread.join()
    there = found.pop()
    assert [h.id for h in there.hits] == [h.id for h in here.hits]
    assert there.facets == here.facets and here.total >= 5

    write(root, "extra/new.md", "Zanzibar drones", "New Outlet", "Korean drones over Zanzibar.")
    workspace.sync()
    thread = threading.Thread(target=search_in_thread, args=("zanzib*",))
    thread.start()
    thread.join()
    fresh = found.pop()
    assert fresh.total == 1 and fresh.facets["outlet"] == {"New Outlet": 1}
    assert workspace.search("korea*").facets["outlet"].get("New Outlet") == 1
    workspace.close()


def test_each_facet_is_counted_without_its_own_filter(ws: Workspace) -> None:
    """Choosing an outlet keeps every outlet's count for the query (the user can switch
    outlets), while the hits, the total and the entity counts take the outlet filter."""
    unfiltered = ws.search("korea", limit=None)
    every_outlet = unfiltered.facets["outlet"]
    assert len(every_outlet) == 5
    one = ws.search("korea", outlets=["GDC"], limit=None)
    assert outlets(one) == {"GDC"} and one.total == every_outlet["GDC"]
    assert one.facets["outlet"] == every_outlet
    (gdc,) = ids(one)
    assert one.facets["entity"] == {name: 1 for name in sorted(ws_entities(ws, gdc))[:30]}

    # The entity filter: its own list keeps every entity's count; the outlets count only
    # the articles naming the chosen entity.
    name = "Yoo Sang-bum"
    naming = {hit.id for hit in unfiltered.hits if name in ws_entities(ws, hit.id)}
    assert 0 < len(naming) < unfiltered.total
    chosen = ws.search("korea", entities=[name], limit=None)
    assert ids(chosen) == naming
    assert chosen.facets["entity"] == unfiltered.facets["entity"]
    assert sum(chosen.facets["outlet"].values()) == len(naming)

    # Both filters: each facet takes the other filter only.
    both = ws.search("korea", outlets=["GDC"], entities=[name], limit=None)
    assert both.facets["outlet"] == chosen.facets["outlet"]
    assert both.facets["entity"] == one.facets["entity"]
    assert both.total == (1 if gdc in naming else 0)


def test_the_empty_query_with_a_filter_counts_facets_like_a_query(ws: Workspace) -> None:
    everything = ws.search("", limit=None)
    assert everything.total == 7
    one = ws.search("", outlets=["Local Paper"], limit=None)
    assert outlets(one) == {"Local Paper"} and one.total == 1
    assert one.facets["outlet"] == everything.facets["outlet"]
    dated = ws.search("", outlets=["Local Paper"], since="2023-01-01", limit=None)
    assert dated.total == 0
    assert "Local Paper" not in dated.facets["outlet"]
    assert dated.facets["outlet"]["Moscow Wire"] == 1


def test_entity_facets_carry_their_types(ws: Workspace) -> None:
    results = ws.search("korea")
    assert set(results.entity_types) == set(results.facets["entity"])
    assert results.entity_types["Yoo Sang-bum"] == ("PERSON",)
    assert results.entity_types["North Korea"] == ("PLACE",)
    assert results.entity_types["National Intelligence Service"] == ("ORG",)


def test_a_spelling_typed_two_ways_names_both_types_most_used_first(ws: Workspace) -> None:
    """Entities are indexed by name without their type, so a person and a place spelled
    alike share one facet count: the facet says so by naming both types, the most used
    first; a type a name was given in one article of forty is left out."""
    from index.search import ReaderData

    searcher, _data = ws._searcher()
    uses = {"georgia": {"PLACE": 12, "PERSON": 5}, "kim": {"PERSON": 40, "PLACE": 1}}
    mixed = ReaderData(searcher, {}, {}, type_uses=lambda: uses)
    assert mixed.entity_types() == {"georgia": ("PLACE", "PERSON"), "kim": ("PERSON",)}


def test_a_chosen_entity_keeps_its_count_though_rarer_than_the_listed_ones(
    ws: Workspace,
) -> None:
    broad = ws.search("the", limit=None)
    counted = {name for hit in broad.hits for name in ws_entities(ws, hit.id)}
    rare = sorted(counted - set(broad.facets["entity"]))[0]
    chosen = ws.search("the", entities=[rare], limit=None)
    assert chosen.total >= 1
    assert chosen.facets["entity"][rare] == chosen.total
    assert list(chosen.facets["entity"])[:30] == list(broad.facets["entity"])
