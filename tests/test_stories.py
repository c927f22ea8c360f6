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
