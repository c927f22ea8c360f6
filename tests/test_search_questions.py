"""Search answering an analyst's questions, as a tester asked them on the bundled library:
entity aliases, the story ids Brief prints, entity passages, spelling suggestions for rare
words, and listing more than the first page of hits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.entities.names import name_key
from index.workspace import Workspace
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    home = tmp_path_factory.mktemp("questions-home")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    root = home / "library"
    shutil.copytree(BUNDLED, root)
    workspace = Workspace.open(root, finder="builtin")
    workspace.sync()
    yield workspace
    workspace.close()
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


def test_an_alias_the_entity_list_knows_finds_its_entity(ws: Workspace) -> None:
    named = ws.search('entity:"North Korea"')
    assert named.total == 5
    for alias in ("DPRK", "dprk", '"D.P.R.K."'):
        found = ws.search(f"entity:{alias}")
        assert found.total == named.total, alias
        assert {h.id for h in found.hits} == {h.id for h in named.hits}


def test_an_unknown_entity_still_finds_nothing(ws: Workspace) -> None:
    assert ws.search("entity:Atlantis").total == 0


def test_the_printed_story_id_and_its_prefix_find_the_story(ws: Workspace) -> None:
    story = ws.stories()[0]
    members = {m.id for m in story.articles}
    assert len(members) == 5
    for text in (story.id, story.id[:6], story.id.upper()):
        found = ws.search(f"story:{text}", limit=None)
        assert {h.id for h in found.hits} == members, text
    assert ws.search(f"story:{story.id} artillery").total >= 1
    assert ws.search("story:s-ffffffffff").total == 0


def test_an_entity_hit_shows_where_the_entity_is_mentioned(ws: Workspace) -> None:
    results = ws.search('entity:"Yoo Sang-bum"')
    assert results.total >= 3
    for hit in results.hits:
        mentions = [
            m for m in ws.mentions(hit.id) if name_key(m.entity) == name_key("Yoo Sang-bum")
        ]
        assert mentions, hit.id
        assert hit.passage is not None
        assert any(hit.passage.start <= m.start < hit.passage.end for m in mentions), hit.id
        marked = [hit.snippet[s:e] for s, e in hit.highlights]
        assert marked, hit.id
        assert all(name_key(text) in {name_key(m.text) for m in mentions} for text in marked)


def test_an_alias_hit_marks_the_mentions_however_written(ws: Workspace) -> None:
    key = name_key("North Korea")
    hits = ws.search("entity:DPRK").hits
    assert hits
    for hit in hits:
        written = {m.text for m in ws.mentions(hit.id) if name_key(m.entity) == key}
        marked = [hit.snippet[s:e] for s, e in hit.highlights]
        assert marked, hit.id
        assert set(marked) <= written, hit.id


def test_a_misspelled_rare_word_gets_a_suggestion(ws: Workspace) -> None:
    assert ws.search("Vladivostok").total >= 1
    results = ws.search("Vladivostock")
    assert results.total == 0
    assert results.suggestion == "Vladivostok"
    assert results.suggestion_total >= 1


def test_an_offset_lists_the_hits_after_the_first_ones(ws: Workspace) -> None:
    everything = ws.search("korea", limit=None)
    assert everything.total == 5
    first = ws.search("korea", limit=2)
    more = ws.search("korea", limit=2, offset=2)
    rest = ws.search("korea", limit=10, offset=4)
    assert [h.id for h in first.hits + more.hits + rest.hits] == [h.id for h in everything.hits]
    assert more.total == 5
    assert ws.search("korea", limit=5, offset=9).hits == []


def brief(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--library", str(library), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parent.parent,
    )


def test_list_and_search_take_the_story_id_brief_stories_prints(library: Path) -> None:
    stories = brief(library, "stories", "--json")
    assert stories.returncode == 0, stories.stderr
    story_id = json.loads(stories.stdout)[0]["id"]
    listed = brief(library, "list", "--story", story_id, "--json")
    assert listed.returncode == 0, listed.stderr
    articles = json.loads(listed.stdout)["articles"]
    assert len(articles) == 5
    assert {a["story"] for a in articles} == {story_id}
    by_prefix = json.loads(brief(library, "list", "--story", story_id[:7], "--json").stdout)
    assert len(by_prefix["articles"]) == 5
    found = json.loads(brief(library, "search", f"story:{story_id}", "--json").stdout)
    assert found["total"] == 5
    readable = brief(library, "list", "--story", story_id)
    assert "5 article(s)" in readable.stdout


def outlets_of(results) -> set[str]:
    return {hit.outlet for hit in results.hits}


def test_us_finds_the_united_states_not_use(ws: Workspace) -> None:
    dotted = ws.search("U.S.", limit=None)
    assert {"GDC", "ICARO Media Group"} <= outlets_of(dotted)
    typed = ws.search("US", limit=None)
    assert {"GDC", "ICARO Media Group"} <= outlets_of(typed)
    for hit in typed.hits:
        marked = {hit.snippet[s:e] for s, e in hit.highlights}
        assert marked, hit.id
        assert not marked & {"use", "using", "used", "us"}, hit.id
    # "use" is no longer "US": it finds the articles that use the word, not the acronym.
    used = ws.search("use", limit=None)
    for hit in used.hits:
        marked = {hit.snippet[s:e].casefold() for s, e in hit.highlights}
        assert marked and all(m.startswith("us") and "." not in m for m in marked)


def test_us_also_finds_an_article_that_writes_united_states(ws: Workspace) -> None:
    named = {h.id for h in ws.search('"United States"', limit=None).hits}
    written_only = {i for i in named if "U.S." not in ws.article(i).body}
    assert written_only, "the bundled library has an article naming only the United States"
    assert named <= {h.id for h in ws.search("US", limit=None).hits}


def test_un_typed_in_capitals_is_the_un(ws: Workspace) -> None:
    results = ws.search("UN")
    assert outlets_of(results) == {"GDC"}
    assert {results.hits[0].snippet[s:e] for s, e in results.hits[0].highlights} == {"U.N."}


def test_an_acronym_typed_in_lower_case_still_finds_it(ws: Workspace) -> None:
    assert {"GDC"} <= outlets_of(ws.search("un", limit=None))
    # Lower case finds the articles writing NIS; capitals also those naming the agency.
    lower = {h.id for h in ws.search("nis", limit=None).hits}
    assert len(lower) == 4
    assert {i for i in lower if "NIS" in ws.article(i).body} == lower
    assert lower < {h.id for h in ws.search("NIS", limit=None).hits}


def test_a_fuzzy_word_says_what_it_was_matched_as(ws: Workspace) -> None:
    results = ws.search("Vladivostock~")
    assert results.total >= 1
    assert results.fuzzy == {"vladivostock~": ["vladivostok"]}
    assert ws.search("Vladivostok~").fuzzy == {}  # found as typed: nothing to say
    assert ws.search("Vladivostok").fuzzy == {}


def test_the_cli_says_what_a_fuzzy_word_matched(library: Path) -> None:
    shown = brief(library, "search", "Vladivostock~")
    assert shown.returncode == 0, shown.stderr
    assert "Showing results for vladivostock~ as vladivostok" in shown.stdout
