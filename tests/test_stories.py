"""Story grouping: the bundled reports form one story; others stay out; updates are incremental."""

from __future__ import annotations

from pathlib import Path

from index.article import render_article
from index.library import Library
from index.locations import index_dir
from index.stories import StoryIndex, story_index_for

FLOODS = (
    "Heavy rain caused flash floods across Valencia on Thursday, killing three people and "
    "forcing hundreds of residents to leave their homes. Spain's weather agency issued a red "
    "alert for the coast. Rescue teams worked through the night to reach villages cut off by "
    "water, and the regional government opened shelters in schools and sports halls."
)
ELECTION = (
    "Voters in Argentina chose a new president on Sunday after a campaign dominated by "
    "inflation and the value of the peso. Turnout was high in Buenos Aires. The winner "
    "promised to cut public spending and to open the economy to foreign investors, while "
    "unions warned of strikes."
)
MISSILE_TEST = (
    "North Korea fired a ballistic missile into the sea off its east coast on Wednesday, "
    "Japan's defence ministry said. The missile flew for about 30 minutes and landed outside "
    "Japan's exclusive economic zone. Tokyo lodged a protest through diplomatic channels in "
    "Beijing."
)


def write(library: Path, name: str, title: str, outlet: str, body: str, **meta: str) -> str:
    paragraphs = [("text", p) for p in body.split("\n\n")]
    path = library / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        render_article({"title": title, "outlet": outlet, **meta}, paragraphs), encoding="utf-8"
    )
    return name


def bundled_ids(library: Path) -> set[str]:
    return {e.id for e in Library(library).entries()}


def test_the_five_bundled_reports_form_one_story(library: Path) -> None:
    articles, _ = Library(library).load_all()
    index = story_index_for(library)
    assert index.path == index_dir(library) / "stories.sqlite"
    assert index.rebuild(articles) == 1
    (story,) = index.stories()
    assert {m.outlet for m in story.articles} == {
        "The Irish News",
        "The Hill",
        "ICARO Media Group",
        "GDC",
        "Financial World",
    }
    assert story.articles[0].outlet == "ICARO Media Group"  # oldest first
    for member in story.articles:
        assert index.story_of(member.id) == story


def test_unrelated_articles_do_not_join_the_story(library: Path) -> None:
    write(library, "x/floods.md", "Floods hit Valencia", "El País", FLOODS, published="2023-11-02")
    write(library, "x/vote.md", "Argentina votes", "Reuters", ELECTION, published="2023-11-01")
    write(
        library, "x/missile.md", "North Korea fires missile", "NHK", MISSILE_TEST,
        published="2023-11-02",
    )  # fmt: skip
    articles, _ = Library(library).load_all()
    index = story_index_for(library)
    index.rebuild(articles)
    stories = index.stories()
    assert len(stories) == 4
    big = max(stories, key=lambda s: len(s.articles))
    assert {m.id for m in big.articles} == bundled_ids(library) - {
        "x/floods.md",
        "x/vote.md",
        "x/missile.md",
    }
    for extra in ("x/floods.md", "x/vote.md", "x/missile.md"):
        story = index.story_of(extra)
        assert story is not None and [m.id for m in story.articles] == [extra]


def test_a_rewrite_added_later_joins_incrementally(library: Path) -> None:
    index = story_index_for(library)
    index.sync(Library(library).load_all()[0])
    before = index.stories()[0]
    name = write(
        library,
        "x/rewrite.md",
        "Seoul says Pyongyang shipped a million shells to Moscow",
        "Yonhap",
        "South Korea's spy agency told lawmakers that North Korea has sent more than a million "
        "artillery shells to Russia since August, by ship and by transport plane.\n\n"
        "Lawmaker Yoo Sang-bum said the shells amount to about two months of supplies for "
        "Russia's war in Ukraine, and that North Korea runs its munitions factories at full "
        "capacity.",
        published="2023-11-02",
    )
    sync = index.sync(Library(library).load_all()[0])
    assert sync.added == [name] and not sync.updated and not sync.removed
    story = index.story_of(name)
    assert story is not None and story.id == before.id
    assert len(story.articles) == 6

    floods = write(library, "x/floods.md", "Floods hit Valencia", "El País", FLOODS)
    index.sync(Library(library).load_all()[0])
    assert index.story_of(floods) != index.story_of(name)

    (library / name).unlink()
    sync = index.sync(Library(library).load_all()[0])
    assert sync.removed == [name]
    assert index.story_of(name) is None
    assert len(index.story_of(sorted(bundled_ids(library))[0]).articles) == 5  # type: ignore[union-attr]


def test_changed_article_is_regrouped(library: Path) -> None:
    index = story_index_for(library)
    index.sync(Library(library).load_all()[0])
    target = sorted(bundled_ids(library))[0]
    write(library, target, "Floods hit Valencia", "The Hill", FLOODS)
    sync = index.sync(Library(library).load_all()[0])
    assert sync.updated == [target]
    story = index.story_of(target)
    assert story is not None and [m.id for m in story.articles] == [target]
    assert index.sync(Library(library).load_all()[0]).changed is False


def test_story_key_in_front_matter_overrides_grouping(library: Path) -> None:
    write(library, "x/floods.md", "Floods", "El País", FLOODS, story="Autumn storms")
    write(library, "x/vote.md", "Vote", "Reuters", ELECTION, story="Autumn storms")
    moved = sorted(bundled_ids(library) - {"x/floods.md", "x/vote.md"})[0]
    text = (library / moved).read_text(encoding="utf-8")
    (library / moved).write_text(text.replace("---\n", "---\nstory: separate\n", 1), "utf-8")
    index = story_index_for(library)
    index.rebuild(Library(library).load_all()[0])
    storms = index.story_of("x/floods.md")
    assert storms is not None and storms.key == "Autumn storms"
    assert {m.id for m in storms.articles} == {"x/floods.md", "x/vote.md"}
    alone = index.story_of(moved)
    assert alone is not None and [m.id for m in alone.articles] == [moved]
    assert index.get(storms.id) == storms


def test_stories_are_listed_newest_first_and_survive_reopening(library: Path) -> None:
    write(library, "x/old.md", "Floods", "El País", FLOODS, published="2021-05-01")
    write(library, "x/new.md", "Vote", "Reuters", ELECTION, published="2024-05-01")
    index = story_index_for(library)
    index.rebuild(Library(library).load_all()[0])
    ids = [s.articles[0].id for s in index.stories()]
    assert ids[0] == "x/new.md" and ids[-1] == "x/old.md"
    reopened = StoryIndex(index.path)
    assert [s.id for s in reopened.stories()] == [s.id for s in index.stories()]


def test_empty_library_and_missing_store(tmp_path: Path) -> None:
    index = StoryIndex(tmp_path / "nowhere" / "stories.sqlite")
    assert index.stories() == []
    assert index.story_of("a.md") is None
    assert index.sync([]).changed is False


def test_sync_library_reads_only_changed_files(library: Path) -> None:
    index = story_index_for(library)
    first = index.sync_library(Library(library))
    assert len(first.added) == 5 and not first.updated
    assert index.sync_library(Library(library)).changed is False
    name = write(library, "x/floods.md", "Floods hit Valencia", "El País", FLOODS)
    assert index.sync_library(Library(library)).added == [name]
    write(library, name, "Floods hit Valencia", "El País", ELECTION)
    assert index.sync_library(Library(library)).updated == [name]
    (library / name).write_text("no front matter here", encoding="utf-8")
    assert index.sync_library(Library(library)).removed == [name]
    assert index.story_of(name) is None
    assert len(index.stories()) == 1
    assert {m.id for m in index.members()} == bundled_ids(library) - {name}


def test_shared_entities_tip_a_borderline_pair_into_one_story(tmp_path: Path) -> None:
    from index.article import build_article

    bodies = {
        "a.md": "Ministers from Chile and Peru signed a fishing accord in Lima on Monday, ending "
        "a long dispute over anchovy quotas along the coast. Fishermen's unions welcomed the deal.",
        "b.md": "Fishermen in Arica cheered after the governments agreed new anchovy quotas. Boats "
        "will return to sea next week, the harbour master said, after months of dispute with "
        "the coast guard.",
        "c.md": "Floods in Valencia forced hundreds from their homes as rescue teams worked.",
    }
    articles = [
        build_article(i, {"title": i, "outlet": i, "published": "2024-01-02"}, [("text", b)])
        for i, b in bodies.items()
    ]
    entities = {"a.md": {"Chile", "Peru", "anchovy"}, "b.md": {"Chile", "Peru", "anchovy"}}
    plain = StoryIndex(tmp_path / "plain.sqlite")
    plain.rebuild(articles)
    assert len(plain.stories()) == 3
    informed = StoryIndex(tmp_path / "informed.sqlite")
    informed.rebuild(articles, entities)
    assert sorted(len(s.articles) for s in informed.stories()) == [1, 2]
    assert informed.story_of("a.md") == informed.story_of("b.md")


# -- story ids ------------------------------------------------------------------------


def earliest_bundled(library: Path) -> str:
    """The id of the oldest bundled report (the one that starts the story on a rebuild)."""
    articles, _ = Library(library).load_all()
    return min(articles, key=lambda a: (a.published_iso or "9999", a.id)).id


def test_a_story_keeps_its_id_through_a_rebuild_when_its_oldest_report_came_last(
    library: Path,
) -> None:
    """The oldest report is added after the others joined: the story it joins is the
    same story after a rebuild, and so is its id, whichever article started it."""
    oldest = earliest_bundled(library)
    held = (library / oldest).read_bytes()
    (library / oldest).unlink()
    index = story_index_for(library)
    index.sync(Library(library).load_all()[0])
    (library / oldest).write_bytes(held)
    index.sync(Library(library).load_all()[0])
    (synced,) = index.stories()
    assert len(synced.articles) == 5 and synced.articles[0].id == oldest
    index.rebuild(Library(library).load_all()[0])
    (rebuilt,) = index.stories()
    assert rebuilt.id == synced.id
    assert index.get(synced.id) == rebuilt and index.story_of(oldest) == rebuilt


def test_a_story_id_follows_its_members(library: Path) -> None:
    """Syncs that leave a story's articles alone leave its id alone; when its oldest report
    goes, the id is the one a rebuild of what is left gives."""
    index = story_index_for(library)
    index.sync(Library(library).load_all()[0])
    (before,) = index.stories()
    write(library, "x/floods.md", "Floods hit Valencia", "El País", FLOODS)
    index.sync(Library(library).load_all()[0])
    assert index.story_of(before.articles[0].id).id == before.id  # type: ignore[union-attr]
    (library / before.articles[0].id).unlink()
    index.sync(Library(library).load_all()[0])
    after = index.story_of(before.articles[1].id)
    assert after is not None and len(after.articles) == 4
    index.rebuild(Library(library).load_all()[0])
    assert index.story_of(before.articles[1].id).id == after.id  # type: ignore[union-attr]


def test_cli_story_ids_survive_index_rebuild_and_agree_everywhere(library: Path) -> None:
    """`brief stories` ids, `brief list --story`, the `story:` search and `brief list`'s
    story column agree, before and after `brief index --rebuild`."""
    import json

    from tests.test_cli_library import brief

    oldest = earliest_bundled(library)
    held = (library / oldest).read_bytes()
    (library / oldest).unlink()
    assert brief(library, "index").returncode == 0
    (library / oldest).write_bytes(held)
    seen = []
    for rebuild in ((), ("--rebuild",)):
        assert brief(library, "index", *rebuild).returncode == 0
        (story,) = json.loads(brief(library, "stories", "--json").stdout)
        members = {a["id"] for a in story["articles"]}
        assert len(members) == 5
        listed = json.loads(brief(library, "list", "--story", story["id"], "--json").stdout)
        assert {a["id"] for a in listed["articles"]} == members
        assert {a["story"] for a in listed["articles"]} == {story["id"]}
        found = json.loads(brief(library, "search", f"story:{story['id']}", "--json").stdout)
        assert {h["id"] for h in found["hits"]} == members
        seen.append(story["id"])
    assert seen[0] == seen[1]
