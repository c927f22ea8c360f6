"""The importer: exact results on the five seeds, other outlets' shapes, flags, files."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from index.article import parse_article
from index.bylines import parse_byline, parse_placed_byline
from index.datelines import parse_dateline
from index.errors import ArticleError
from index.importer import (
    ImportOverrides,
    ImportResult,
    article_filename,
    import_paths,
    import_text,
    slug,
)
from index.library import Library
from tests.conftest import BUNDLED, SEEDS

SAVES = Path(__file__).parent / "saves"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def seed_lines(prefix: str) -> dict[int, str]:
    """The seed's lines as the importer sees them: spaces (incl. no-break) collapsed."""
    text = seed(prefix).read_text(encoding="utf-8")
    return {n: re.sub(r"\s+", " ", line).strip() for n, line in enumerate(text.split("\n"), 1)}


def read_seed(prefix: str, overrides: ImportOverrides | None = None) -> ImportResult:
    path = seed(prefix)
    return import_text(path.read_text(encoding="utf-8"), source_name=path.name, overrides=overrides)


def drops(result: ImportResult) -> dict[int, str]:
    return {d.line_no: d.reason for d in result.dropped}


# -- the five seeds, exactly --------------------------------------------------------------

SEED_EXPECTATIONS = {
    "000": dict(
        title=3,
        outlet=None,
        published=None,
        author=None,
        section="World",
        blocks=[
            ("caption", 5),
            *[("text", n) for n in (8, 10, 12, 14, 16)],
            ("caption", "A North Korean artillery drill (KCNA/AP)"),
            *[("text", n) for n in (21, 23, 25, 27, 29)],
        ],
        dropped={
            1: "section label",
            6: "repeated caption",
            18: "tag debris",
            19: "tag debris before a caption",
        },
    ),
    "001": dict(
        title=3,
        outlet=None,
        published=None,
        author=None,
        section="International",
        blocks=[("caption", 5), *[("text", n) for n in range(7, 26, 2)]],
        dropped={1: "section label"},
    ),
    "002": dict(
        title=1,
        outlet="ICARO Media Group",
        published=datetime(2023, 11, 1, 23, 52),
        author=None,
        section="Politics",
        blocks=[("text", n) for n in range(8, 31, 2)],
        dropped={
            3: "image URL",
            4: "outlet name",
            5: "section label",
            6: "date line",
            32: "disclaimer (publisher boilerplate, not part of the report)",
            34: "related-links and navigation",
        },
    ),
    "003": dict(
        title=1,
        outlet="GDC",
        published=None,
        author=None,
        section=None,
        blocks=[
            ("caption", 3),
            *[("text", n) for n in (5, 7, 9)],
            ("caption", 11),
            ("text", 13),
            ("caption", 15),
            *[("text", n) for n in range(17, 36, 2)],
        ],
        dropped={
            37: "copyright notice",
            39: "comment-box text",
            41: "comment-box text",
            43: "comment-box text",
        },
    ),
    "004": dict(
        title=1,
        outlet=None,
        published=None,
        author="Sededin Dedovic",
        section=None,
        blocks=[
            *[("text", n) for n in (3, 9, 11, 13, 15)],
            ("heading", 17),
            *[("text", n) for n in (19, 21, 23, 25)],
        ],
        dropped={5: "byline", 6: "title repeated", 7: "photo credit", 27: "tag debris"},
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_seed_is_read_exactly(prefix: str) -> None:
    expected = SEED_EXPECTATIONS[prefix]
    lines = seed_lines(prefix)
    result = read_seed(prefix)
    assert result.title == lines[expected["title"]]
    assert result.outlet == expected["outlet"]
    assert result.published == expected["published"]
    assert result.author == expected["author"]
    assert result.section == expected["section"]
    assert result.url is None
    want = [(kind, lines[ref] if isinstance(ref, int) else ref) for kind, ref in expected["blocks"]]
    assert result.blocks == want
    assert drops(result) == expected["dropped"]


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_every_line_of_a_seed_is_kept_or_dropped_with_a_reason(prefix: str) -> None:
    """No line vanishes silently: each is in the body, the title, or the dropped list."""
    result = read_seed(prefix)
    body = "\n".join(text for _, text in result.blocks)
    dropped = {d.line_no for d in result.dropped}
    for number, line in seed_lines(prefix).items():
        if not line or number in dropped:
            continue
        assert line == result.title or line in body, (number, line)


def test_seed_sentences_survive_and_debris_does_not() -> None:
    """Spot checks a reader would make on the bundled reports."""
    irish = read_seed("000")
    body = " ".join(text for kind, text in irish.blocks if kind == "text")
    assert "two months’ supplies for Kremlin-backed soldiers" in body
    assert "North Korea Russia" not in " ".join(text for _, text in irish.blocks)
    assert sum(kind == "caption" for kind, _ in irish.blocks) == 2

    icaro = read_seed("002")
    text = " ".join(t for _, t in icaro.blocks)
    assert "more than 1,000 containers" in text
    assert "views expressed" not in text
    assert not text.endswith("Related")

    gdc = read_seed("003")
    text = " ".join(t for _, t in gdc.blocks)
    assert "embassies in Uganda, Angola and Spain" in text
    for debris in ("Akismet", "Leave a Reply", "Be the first to comment", "Unauthorized use"):
        assert debris not in text

    fw = read_seed("004")
    assert fw.standfirst is not None and fw.standfirst.startswith("South Korea's National")
    assert fw.blocks[0] == ("text", fw.standfirst)
    assert "about 2,000 containers" not in fw.blocks[4][1]  # the seed says "around 2,000"
    assert "around 2,000 containers" in fw.blocks[4][1]
    assert all("Getty" not in t for _, t in fw.blocks)


def test_the_000_caption_said_three_times_is_kept_once() -> None:
    result = read_seed("000")
    captions = [t for kind, t in result.blocks if kind == "caption"]
    assert captions[0].startswith("Vladimir Putin and Kim Jong Un during")
    assert captions[0].count("Vladimir Smirnov/AP") == 1


SOURCES_FACTS = {
    "000": ImportOverrides(
        outlet="The Irish News",
        published=datetime(2023, 11, 2),
        url="https://www.irishnews.com/news/worldnews/2023/11/02/news/north_korea_likely_sent_missiles_ammunition_and_shells_to_russia_seoul_says-3744993/",
    ),
    "001": ImportOverrides(
        outlet="The Hill",
        published=datetime(2023, 11, 2),
        url="https://thehill.com/policy/international/4289605-russia-ukraine-war-north-korea-likely-supplying-missiles-ammunition-south-korea/",
    ),
    "002": ImportOverrides(outlet="ICARO Media Group"),
    "003": ImportOverrides(outlet="GDC", published=datetime(2023, 11, 2)),
    "004": ImportOverrides(
        outlet="Financial World",
        url="https://www.financial-world.org/news/news/financial/22969/south-korean-army-reports-intensive-north-korean-balistic-missile-shipments-to-russia/",
        author="Sededin Dedovic",
    ),
}


@pytest.mark.parametrize("prefix", sorted(SOURCES_FACTS))
def test_bundled_article_is_the_importer_output_with_the_sources_facts(prefix: str) -> None:
    """articles/ holds exactly what `brief add` makes of each seed with SOURCES.md's flags."""
    result = read_seed(prefix, SOURCES_FACTS[prefix])
    articles, problems = Library(BUNDLED).load_all()
    assert problems == []
    matching = [a for a in articles if a.outlet == result.outlet]
    assert len(matching) == 1
    article = matching[0]
    assert article.path is not None
    assert article.path.read_text(encoding="utf-8") == result.render()
    assert article.story is None
    assert article.id == article_filename(result.outlet or "", result.title or "", result.published)


def test_bundled_library_facts() -> None:
    articles = {a.outlet: a for a in Library(BUNDLED).load_all()[0]}
    assert sorted(articles) == [
        "Financial World",
        "GDC",
        "ICARO Media Group",
        "The Hill",
        "The Irish News",
    ]
    assert articles["ICARO Media Group"].published == datetime(2023, 11, 1, 23, 52)
    assert articles["Financial World"].published is None
    assert articles["Financial World"].author == "Sededin Dedovic"
    assert articles["GDC"].published_iso == "2023-11-02"
    assert articles["The Hill"].url.startswith("https://thehill.com/")
    assert articles["ICARO Media Group"].url is None
    headings = [p.text for p in articles["Financial World"].paragraphs if p.kind == "heading"]
    assert headings == [
        "After the meeting between the Russian and North Korean presidents, deliveries became even more intense"
    ]


# -- other outlets' shapes ----------------------------------------------------------------


def read_save(name: str, overrides: ImportOverrides | None = None) -> ImportResult:
    path = SAVES / name
    return import_text(path.read_text(encoding="utf-8"), source_name=name, overrides=overrides)


def test_bbc_like_save() -> None:
    result = read_save("bbc_like.txt")
    assert result.title == "North Korea sent Russia a million shells, Seoul says"
    assert result.outlet == "BBC News"
    assert result.author == "Frances Mao"
    assert result.published is None  # "Published 3 hours ago" says no date
    assert result.blocks[0] == (
        "caption",
        "Kim Jong Un and Vladimir Putin met at the Vostochny cosmodrome in September",
    )
    assert ("heading", "Why would Russia need shells?") in result.blocks
    assert result.blocks[-1][1].endswith("one analyst said.")
    reasons = drops(result)
    assert reasons[10] == "photo credit"  # Image source, Getty Images
    assert reasons[6] == "date line"
    assert reasons[8] == "share buttons"
    assert {reasons[31], reasons[32]} == {"tag debris"}
    assert "no publication date found in the text" in result.warnings


def test_reuters_like_save() -> None:
    result = read_save("reuters_like.txt")
    assert result.title == "North Korea likely sent missiles to Russia, South Korea military says"
    assert result.section == "Asia Pacific"
    assert result.outlet == "Reuters"  # from the "(Reuters) -" dateline
    assert result.author == "Hyonhee Shin and Josh Smith"
    assert result.published == datetime(2023, 11, 2, 10, 14, tzinfo=timezone(timedelta(hours=9)))
    assert [kind for kind, _ in result.blocks] == ["text"] * 3
    assert result.blocks[0][1].startswith("SEOUL, Nov 2 (Reuters) - North Korea")
    reasons = drops(result)
    assert reasons[12] == "credits trailer"
    assert reasons[14] == "publisher boilerplate"


def test_le_monde_like_french_save() -> None:
    result = read_save("lemonde_like.txt")
    assert result.title == "La Corée du Nord aurait livré plus d'un million d'obus à la Russie"
    assert result.outlet == "Le Monde"
    assert result.author == "Philippe Mesmer"
    assert result.published == datetime(2023, 11, 2, 10, 14)
    assert result.section == "International"
    texts = [t for _, t in result.blocks]
    assert texts[0].startswith("Selon les services de renseignement sud-coréens")
    assert texts[-1] == "Moscou et Pyongyang démentent toute transaction d'armement."
    assert len(texts) == 4
    reasons = drops(result)
    assert reasons[7] == "reading time"
    assert reasons[8] == "subscription notice"
    assert reasons[16] == "related-links and navigation"


def test_blog_save() -> None:
    result = read_save("blog_like.txt")
    assert result.title == "Seoul: Pyongyang's shells are fuelling Moscow's war"
    assert result.outlet == "Arms Watch Blog"
    assert result.published == datetime(2023, 11, 2)
    assert result.author is None  # "admin" is no one's name
    assert len(result.blocks) == 3
    reasons = drops(result)
    assert reasons[13] == reasons[14] == reasons[16] == reasons[17] == "share buttons"
    assert reasons[21] == "tags"
    assert reasons[23] == "comment-box text"


def test_guardian_like_save() -> None:
    result = read_save("guardian_like.txt")
    assert (
        result.title == "North Korea likely sent Russia missiles and a million shells, Seoul says"
    )
    assert result.author == "Justin McCurry"
    assert result.published == datetime(2023, 11, 2, 9, 14, tzinfo=UTC)
    assert result.standfirst is not None and result.standfirst.startswith("South Korea's military")
    kinds = [kind for kind, _ in result.blocks]
    assert kinds == ["text", "caption", "text", "text"]
    assert result.blocks[1][1].endswith("Photograph: Vladimir Smirnov/AP")
    reasons = drops(result)
    assert reasons[8] == "repeated caption"
    assert all(reasons[n] == "tag debris" for n in (15, 16, 17, 18))
    assert result.outlet is None


def test_hard_wrapped_wire_copy_is_joined() -> None:
    result = read_save("wrapped_wire.txt")
    assert result.outlet == "Associated Press"
    assert len(result.blocks) == 2
    assert result.blocks[0][1].startswith("SEOUL, Nov 2 (AP) — North Korea has shipped")
    assert result.blocks[0][1].endswith("who attended the briefing.")


def test_markdown_without_front_matter() -> None:
    result = read_save("markdown_plain.md")
    assert result.title == "Kim's arsenal heads west"
    assert result.author == "Sam Lee"
    assert result.published == datetime(2023, 11, 2)
    assert result.blocks == [
        (
            "text",
            "North Korea has sent more than a million shells to Russia, according to "
            "South Korea's intelligence service.",
        ),
        ("heading", "A two-month supply"),
        ("text", "The shells would last the Russian army about two months, a lawmaker said."),
    ]
    assert drops(result)[3] == "image"


def test_markdown_with_front_matter_is_taken_as_an_article() -> None:
    result = read_save("front_matter.md")
    assert result.title == "Seoul says Pyongyang shipped shells to Moscow"
    assert result.outlet == "Example Wire"
    assert result.author == "Jane Doe"
    assert result.published == datetime(2023, 11, 2)
    assert result.extra["tags"] == ["north-korea", "russia"]
    assert [kind for kind, _ in result.blocks] == ["text", "caption", "heading", "text"]
    assert result.dropped == []
    flagged = read_save("front_matter.md", ImportOverrides(outlet="Other Wire", title="New title"))
    assert (flagged.outlet, flagged.title) == ("Other Wire", "New title")
    assert flagged.guessed["outlet"] == "Example Wire"
    reread = parse_article(flagged.render(), "x.md")
    assert reread.extra["tags"] == ["north-korea", "russia"]
    assert reread.outlet == "Other Wire"


def test_malformed_front_matter_names_the_line() -> None:
    with pytest.raises(ArticleError) as info:
        import_text("---\ntitle: x\noutlet: [unclosed\n---\n\nBody.\n", source_name="bad.md")
    assert info.value.line is not None and info.value.line >= 3
    assert "malformed front matter" in str(info.value)


def test_flags_override_guesses_and_guesses_are_kept() -> None:
    flags = ImportOverrides(
        title="My title",
        outlet="My Outlet",
        published=datetime(2023, 11, 5),
        url="https://example.org/a",
        author="Someone Else",
        section="Asia",
    )
    result = read_seed("002", flags)
    assert (result.title, result.outlet, result.published) == (
        "My title",
        "My Outlet",
        datetime(2023, 11, 5),
    )
    assert (result.url, result.author, result.section) == (
        "https://example.org/a",
        "Someone Else",
        "Asia",
    )
    assert result.guessed["outlet"] == "ICARO Media Group"
    assert result.guessed["published"] == datetime(2023, 11, 1, 23, 52)
    assert result.guessed["section"] == "Politics"
    assert read_seed("002").blocks == result.blocks


def test_text_without_a_title_line_uses_the_file_name() -> None:
    body = (
        "North Korea has sent more than a million artillery shells to Russia since August, "
        "the agency said on Wednesday in a closed briefing.\n"
    )
    result = import_text(body, source_name="nk_shells-report.txt")
    assert result.title == "nk shells report"
    assert any("file name" in w for w in result.warnings)


def test_escape_sequences_and_controls_never_reach_the_article() -> None:
    raw = (
        "\x1b]0;pwned\x07World\n\nShells \x1b[31msent\x1b[0m to Russia, Seoul says\n\n"
        "North Korea has sent more than a million shells\x9b2J to Russia since August, "
        "the spy agency told lawmakers.\x07\n"
    )
    result = import_text(raw, source_name="x.txt", overrides=ImportOverrides(outlet="O"))
    rendered = result.render()
    assert result.title == "Shells sent to Russia, Seoul says"
    assert "pwned" not in rendered
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", rendered)
    assert "more than a million shells to Russia" in rendered


def test_untrusted_markdown_in_a_save_stays_text() -> None:
    raw = (
        "A [bold]title[/bold] with *stars*\n\n"
        "# Not a heading: **stars** and <script>alert(1)</script> and [link](http://x) "
        "are all words of the report, said the agency on Wednesday.\n"
    )
    result = import_text(raw, source_name="x.txt", overrides=ImportOverrides(outlet="O"))
    article = parse_article(result.render(), "x.md")
    assert article.title == "A [bold]title[/bold] with *stars*"
    assert article.body == result.blocks[0][1]
    assert article.body.startswith("# Not a heading: **stars** and <script>")


# -- dates, bylines, names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("01/11/2023 23h52", datetime(2023, 11, 1, 23, 52)),
        ("2 November 2023", datetime(2023, 11, 2)),
        ("Nov. 2, 2023 10:14 am", datetime(2023, 11, 2, 10, 14)),
        ("November 2, 2023 2:05 PM", datetime(2023, 11, 2, 14, 5)),
        ("11/25/2023", datetime(2023, 11, 25)),
        ("2023-11-02", datetime(2023, 11, 2)),
        ("2023-11-02T10:14:00Z", datetime(2023, 11, 2, 10, 14, tzinfo=UTC)),
        ("Thursday 2 November 2023 10:14 GMT", datetime(2023, 11, 2, 10, 14, tzinfo=UTC)),
        ("Published: Thu, Nov 2, 2023", datetime(2023, 11, 2)),
        ("Publié le 02 novembre 2023 à 10h14", datetime(2023, 11, 2, 10, 14)),
        ("2. November 2023, 10:14 Uhr", datetime(2023, 11, 2, 10, 14)),
        ("2 de noviembre de 2023", datetime(2023, 11, 2)),
        ("Updated 2 hours ago", None),
    ],
)
def test_date_lines(line: str, when: datetime | None) -> None:
    parsed = parse_dateline(line)
    assert parsed is not None
    assert parsed.when == when


@pytest.mark.parametrize(
    "line",
    [
        "The joint statement was issued on October 26, 2023 in Washington.",
        "ICARO Media Group",
        "Lecture 3 min",
        "between September 7 and October 1",
    ],
)
def test_prose_is_not_a_date_line(line: str) -> None:
    assert parse_dateline(line) is None


def test_bylines() -> None:
    assert parse_byline("by Sededin Dedovic").author == "Sededin Dedovic"
    bbc = parse_byline("By Frances Mao, BBC News")
    assert (bbc.author, bbc.outlet) == ("Frances Mao", "BBC News")
    assert parse_byline("Par Philippe Mesmer (Tokyo, correspondance)").author == "Philippe Mesmer"
    assert parse_byline("By the end of the year, the shells had run out.") is None
    assert parse_byline("by admin").author is None
    assert parse_placed_byline("Justin McCurry in Tokyo").author == "Justin McCurry"
    assert parse_placed_byline("Troops in Ukraine") is None


def test_article_file_names() -> None:
    assert (
        article_filename("The Hill", "Russia likely being supplied", datetime(2023, 11, 2))
        == "the-hill/2023-11-02-russia-likely-being-supplied.md"
    )
    assert article_filename("Le Monde", "La Corée du Nord", None) == "le-monde/la-coree-du-nord.md"
    assert slug("South Korea, the U.S., and Japan", 60) == "south-korea-the-us-and-japan"
    assert slug("Путин и Ким", 60) == "путин-и-ким"
    assert len(slug("word " * 40, 60)) <= 60


# -- files ---------------------------------------------------------------------------------


def test_import_writes_a_readable_article_with_a_readable_name(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    [outcome] = import_paths([seed("001")], library, SOURCES_FACTS["001"])
    assert outcome.ok and outcome.written
    assert outcome.article_id == (
        "the-hill/2023-11-02-russia-likely-being-supplied-with-array-of-missiles.md"
    )
    article = Library(library).load(outcome.article_id)
    assert article.outlet == "The Hill"
    assert [p.kind for p in article.paragraphs][:2] == ["caption", "text"]


def test_duplicate_body_is_refused_naming_the_existing_article(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    [first] = import_paths([seed("000")], library, SOURCES_FACTS["000"])
    [again] = import_paths([seed("000")], library, ImportOverrides(outlet="Another Outlet"))
    assert not again.ok and not again.written
    assert again.duplicate_of == first.article_id
    assert first.article_id in (again.error or "")
    assert len(list(library.rglob("*.md"))) == 1


def test_same_name_different_text_never_overwrites(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    para = "North Korea has sent more than a million shells to Russia, the agency said on {}."
    one.write_text("Shells for Moscow, Seoul says\n\n" + para.format("Wednesday"), encoding="utf-8")
    two.write_text("Shells for Moscow, Seoul says\n\n" + para.format("Thursday"), encoding="utf-8")
    flags = ImportOverrides(outlet="Wire")
    [a] = import_paths([one], library, flags)
    before = a.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    [b] = import_paths([two], library, flags)
    assert a.article_id == "wire/shells-for-moscow-seoul-says.md"
    assert b.article_id == "wire/shells-for-moscow-seoul-says-2.md"
    assert a.path.read_text(encoding="utf-8") == before  # type: ignore[union-attr]
    assert "Thursday" in b.path.read_text(encoding="utf-8")  # type: ignore[union-attr]


def test_duplicates_within_one_batch_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "in" / "copy.txt"
    copy.parent.mkdir()
    copy.write_bytes(seed("003").read_bytes())
    outcomes = import_paths([seed("003"), copy], tmp_path / "lib", ImportOverrides())
    assert [o.ok for o in outcomes] == [True, False]
    assert outcomes[1].duplicate_of == outcomes[0].article_id


def test_folders_are_walked_recursively(tmp_path: Path) -> None:
    src = tmp_path / "saves"
    (src / "deeper" / "deepest").mkdir(parents=True)
    (src / ".hidden").mkdir()
    (src / "deeper" / "a.txt").write_bytes(seed("002").read_bytes())
    (src / "deeper" / "deepest" / "b.md").write_bytes((SAVES / "front_matter.md").read_bytes())
    (src / ".hidden" / "c.txt").write_bytes(seed("003").read_bytes())
    (src / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    outcomes = import_paths([src], tmp_path / "lib", ImportOverrides())
    assert sorted(o.source.name for o in outcomes) == ["a.txt", "b.md"]
    assert all(o.ok for o in outcomes)
    ids = sorted(o.article_id or "" for o in outcomes)
    assert ids == [
        "example-wire/2023-11-02-seoul-says-pyongyang-shipped-shells-to-moscow.md",
        "icaro-media-group/2023-11-01-south-koreas-intelligence-agency-believes-north-korea-sent.md",
    ]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    [outcome] = import_paths([seed("002")], library, ImportOverrides(), dry_run=True)
    assert outcome.ok and not outcome.written
    assert outcome.article_id is not None
    assert not library.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n \t\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_unusable_files_are_skipped_with_a_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [outcome] = import_paths([path], tmp_path / "lib", ImportOverrides(outlet="O"))
    assert not outcome.ok
    assert message in (outcome.error or "")
    assert "skipped" in (outcome.error or "")


def test_huge_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    [outcome] = import_paths([path], tmp_path / "lib", ImportOverrides(outlet="O"))
    assert "over the 5 MB limit" in (outcome.error or "")


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    outcomes = import_paths([tmp_path / "nope.txt", tmp_path / "empty"], tmp_path / "lib")
    assert [o.error for o in outcomes] == [
        "no such file or folder",
        "folder holds no .txt or .md files",
    ]


def test_windows_1252_file_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    text = (
        "Seoul says Pyongyang\x92s shells reached Moscow\n\n"
        "South Korea\x92s spy agency said North Korea sent more than a million shells "
        "to Russia, \x93a two months\x92 supply\x94.\n"
    )
    path.write_bytes(text.encode("latin-1"))
    [outcome] = import_paths([path], tmp_path / "lib", ImportOverrides(outlet="Wire"))
    assert outcome.ok
    assert any("not valid UTF-8" in w for w in outcome.warnings)
    article = Library(tmp_path / "lib").load(outcome.article_id or "")
    assert article.title == "Seoul says Pyongyang’s shells reached Moscow"
    assert "“a two months’ supply”" in article.body


def test_a_save_without_an_outlet_asks_for_one(tmp_path: Path) -> None:
    [outcome] = import_paths([seed("000")], tmp_path / "lib", ImportOverrides())
    assert not outcome.ok
    assert "--outlet" in (outcome.error or "")
    assert outcome.result is not None and outcome.result.title is not None
    assert not (tmp_path / "lib").exists()


def test_progress_is_reported_per_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    import_paths(
        [seed("002"), seed("003")],
        tmp_path / "lib",
        progress=lambda done, total, path: seen.append((done, total, path.name)),
    )
    assert [(d, t) for d, t, _ in seen] == [(1, 2), (2, 2)]


def test_ap_like_save() -> None:
    result = read_save("ap_like.txt")
    assert result.title == "North Korea likely sent missiles to Russia, Seoul says"
    assert result.outlet == "Associated Press"
    assert result.author == "KIM TONG-HYUNG"
    assert result.section == "World News"
    # The time is printed before the date, in US Eastern daylight time.
    assert result.published == datetime(2023, 11, 2, 22, 14, tzinfo=timezone(timedelta(hours=-4)))
    assert [kind for kind, _ in result.blocks] == ["caption", "text", "text"]
    assert result.blocks[0][1].startswith("FILE - Russian President Vladimir Putin")
    reasons = drops(result)
    assert reasons[13] == "advertising"
    assert reasons[17] == "author's name repeated"
    assert reasons[18] == "author's biography"


def test_short_unknown_header_line_after_the_title_is_not_a_section() -> None:
    raw = (
        "Shells for Moscow, Seoul says\n\nKorea Desk\n\n"
        "North Korea has sent more than a million shells to Russia, the agency said on "
        "Wednesday in a closed briefing.\n"
    )
    result = import_text(raw, source_name="x.txt")
    assert result.section is None
    assert drops(result)[3] == "short header line (not a sentence)"


def test_prose_first_save_has_no_invented_title() -> None:
    raw = (
        "North Korea has sent shells to Russia, officials said.\n\n"
        "The agency said the deliveries began in August and continued by sea.\n"
    )
    result = import_text(raw, source_name="shells.txt")
    assert result.title == "shells"
    assert result.blocks[0] == ("text", "North Korea has sent shells to Russia, officials said.")


def test_long_lines_do_not_stall_the_reader() -> None:
    """Lines built to make backtracking regular expressions explode still read (no timing)."""
    raw = "Title of the piece here\n\n" + ("A" * 5000 + " (") * 5 + "\n\n" + "Ab/" * 5000
    result = import_text(raw, source_name="x.txt")
    assert result.blocks[0][1].startswith("AAAA")
    assert len(result.blocks) + len(result.dropped) == 2


def test_other_file_types_are_refused_by_name(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>North Korea</body></html>", encoding="utf-8")
    [outcome] = import_paths([page], tmp_path / "lib")
    assert outcome.error == (
        "only .txt and .md files are imported, not .html: save the page as text (.txt) and add that"
    )


def test_outcomes_follow_the_order_given(tmp_path: Path) -> None:
    outcomes = import_paths([seed("003"), tmp_path / "missing.txt", seed("002")], tmp_path / "lib")
    assert [o.source.name[:3] for o in outcomes] == ["003", "mis", "002"]


def test_short_sentence_copy_keeps_every_sentence_as_text() -> None:
    raw = (
        "KIM'S SHELL GAME\n\nTyrant sends Putin a million shells\n\n"
        "North Korea has sent shells.\n\nLots of them.\n\nSpies say so.\n\n"
        "The Kremlin denied it all on Thursday.\n"
    )
    result = import_text(raw, source_name="x.txt")
    assert result.title == "Tyrant sends Putin a million shells"
    assert result.section == "Kim's Shell Game"
    assert result.outlet is None
    assert result.blocks == [
        ("text", "North Korea has sent shells."),
        ("text", "Lots of them."),
        ("text", "Spies say so."),
        ("text", "The Kremlin denied it all on Thursday."),
    ]


def test_import_works_where_hard_links_are_not_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise PermissionError("operation not permitted")

    monkeypatch.setattr("index.importer.os.link", no_links)
    library = tmp_path / "lib"
    [outcome] = import_paths([seed("002")], library)
    assert outcome.written
    assert Library(library).load(outcome.article_id or "").outlet == "ICARO Media Group"
    assert [p.name for p in library.rglob("*") if p.is_file()] == [outcome.path.name]  # type: ignore[union-attr]


def test_utf16_save_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes(seed("002").read_text(encoding="utf-8").encode("utf-16"))
    [outcome] = import_paths([path], tmp_path / "lib")
    assert outcome.ok, outcome.error
    assert outcome.result is not None
    assert outcome.result.blocks == read_seed("002").blocks


def test_page_address_comes_from_the_header_or_a_labelled_line() -> None:
    body = (
        "North Korea has sent more than a million shells to Russia, the agency said on "
        "Wednesday in a closed briefing.\n\n"
    )
    top = import_text(
        "https://example.org/news/shells\n\nShells for Moscow, Seoul says\n\n" + body,
        source_name="a.txt",
    )
    assert top.url == "https://example.org/news/shells"
    inside = import_text(
        "Shells for Moscow, Seoul says\n\n" + body + "https://example.org/report.pdf\n\n" + body,
        source_name="b.txt",
    )
    assert inside.url is None
    assert drops(inside)[5] == "page URL"
    labelled = import_text(
        "Shells for Moscow, Seoul says\n\n" + body + "Source: https://example.org/a\n",
        source_name="c.txt",
    )
    assert labelled.url == "https://example.org/a"


def test_page_furniture_of_all_kinds_is_dropped() -> None:
    result = read_save("furniture_heavy.txt")
    assert result.title == "Seoul says Pyongyang has shipped a million shells to Moscow"
    assert result.author == "Jane Doe"
    assert result.section == "Defence"
    assert result.published == datetime(2023, 11, 2, 8, 30, tzinfo=timezone(timedelta(hours=9)))
    assert [kind for kind, _ in result.blocks] == ["caption", "text", "text"]
    assert result.blocks[0][1].endswith("Photo: KCNA via Reuters")
    assert drops(result) == {
        1: "cookie notice",
        2: "cookie notice",
        4: "section label",
        6: "audio or video player",
        7: "byline",
        8: "social-media prompt",
        9: "date line",
        11: "gallery counter",
        16: "audio or video player",
        20: "social-media prompt",
        21: "contact address",
    }


# -- wire copy: agency evidence, end markers, correcting a wrong guess ---------------------

YONHAP_SAVE = """All News
N. Korea sent over 1 million artillery shells to Russia: NIS
2023-11-01 15:12
SEOUL, Nov. 1 (Yonhap) -- North Korea is believed to have sent more than 1 million \
artillery shells to Russia since August to support its war in Ukraine, the spy agency said.

The National Intelligence Service told lawmakers that about 10 shipments of weapons have \
been made by ship since early August.

"In return, the North appears to be receiving technological assistance," a lawmaker said.

(END)

(C) Yonhap News Agency. All Rights Reserved
"""


def test_agency_copyright_outranks_a_section_label_as_outlet() -> None:
    result = import_text(YONHAP_SAVE, source_name="yonhap.txt")
    assert result.outlet == "Yonhap News Agency"
    assert result.section == "All News"
    assert drops(result)[1] == "section label"


def test_a_header_line_is_not_the_outlet_when_dateline_and_copyright_agree() -> None:
    save = YONHAP_SAVE.replace("All News", "Korea Times Digest", 1)
    assert import_text(save, source_name="y.txt").outlet == "Yonhap News Agency"


@pytest.mark.parametrize("marker", ["(END)", "-30-", "###", "- ends -"])
def test_wire_end_markers_are_dropped(marker: str) -> None:
    result = import_text(YONHAP_SAVE.replace("(END)", marker), source_name="y.txt")
    assert all(marker not in text for _, text in result.blocks)
    assert drops(result)[10] == "wire end marker"


def test_end_marker_closing_the_last_paragraph_is_dropped() -> None:
    save = YONHAP_SAVE.replace("a lawmaker said.\n\n(END)", "a lawmaker said. (END)")
    result = import_text(save, source_name="y.txt")
    assert result.blocks[-1][1].endswith("a lawmaker said.")
    assert ("wire end marker") in drops(result).values()


def test_end_marker_words_inside_a_sentence_are_kept() -> None:
    save = YONHAP_SAVE.replace(
        "(END)", "The war will not end soon, he said, and the shipments will go on -30- days."
    )
    assert any("-30- days" in text for _, text in import_text(save, source_name="y.txt").blocks)


def test_html_is_refused_saying_what_to_do(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>Report</body></html>", encoding="utf-8")
    [outcome] = import_paths([page], tmp_path / "lib")
    assert not outcome.ok
    assert "save the page as text (.txt) and add that" in (outcome.error or "")


def test_duplicate_refusal_offers_replace(tmp_path: Path) -> None:
    save = tmp_path / "yonhap.txt"
    save.write_text(YONHAP_SAVE, encoding="utf-8")
    library = tmp_path / "lib"
    import_paths([save], library, ImportOverrides(outlet="All News"))
    [again] = import_paths([save], library, ImportOverrides(outlet="Yonhap"))
    assert not again.ok and "--replace" in (again.error or "")


def test_replace_corrects_a_wrong_outlet_and_removes_the_old_file(tmp_path: Path) -> None:
    save = tmp_path / "yonhap.txt"
    save.write_text(YONHAP_SAVE, encoding="utf-8")
    library = tmp_path / "lib"
    [first] = import_paths([save], library, ImportOverrides(outlet="All News"))
    [dry] = import_paths(
        [save], library, ImportOverrides(outlet="Yonhap"), replace=True, dry_run=True
    )
    assert dry.ok and dry.replaced == first.article_id and not dry.written
    assert first.path is not None and first.path.exists()
    [fixed] = import_paths([save], library, ImportOverrides(outlet="Yonhap"), replace=True)
    assert fixed.ok and fixed.written
    assert fixed.replaced == first.article_id
    assert fixed.article_id == first.article_id.replace("all-news/", "yonhap/")
    [article] = Library(library).load_all()[0]
    assert (article.id, article.outlet) == (fixed.article_id, "Yonhap")
    assert not (library / "all-news").exists()


def test_replace_in_place_when_the_name_is_unchanged(tmp_path: Path) -> None:
    save = tmp_path / "yonhap.txt"
    save.write_text(YONHAP_SAVE, encoding="utf-8")
    library = tmp_path / "lib"
    [first] = import_paths([save], library, ImportOverrides(outlet="Yonhap"))
    flags = ImportOverrides(outlet="Yonhap", author="Kim Soo-yeon")
    [fixed] = import_paths([save], library, flags, replace=True)
    assert (fixed.ok, fixed.replaced, fixed.article_id) == (
        True,
        first.article_id,
        first.article_id,
    )
    [article] = Library(library).load_all()[0]
    assert article.author == "Kim Soo-yeon"


def test_replace_finds_the_earlier_import_by_url_when_the_text_changed(tmp_path: Path) -> None:
    library = tmp_path / "lib"
    save = tmp_path / "yonhap.txt"
    url = "https://en.yna.co.kr/view/AEN20231101000000315"
    save.write_text(YONHAP_SAVE, encoding="utf-8")
    [first] = import_paths([save], library, ImportOverrides(outlet="Yonhap", url=url))
    save.write_text(YONHAP_SAVE.replace("about 10 shipments", "about ten shipments"), "utf-8")
    [fixed] = import_paths([save], library, ImportOverrides(outlet="Yonhap", url=url), replace=True)
    assert fixed.replaced == first.article_id
    [article] = Library(library).load_all()[0]
    assert "about ten shipments" in article.body


def test_replace_never_replaces_an_import_of_the_same_batch(tmp_path: Path) -> None:
    save = tmp_path / "a.txt"
    save.write_text(YONHAP_SAVE, encoding="utf-8")
    copy = tmp_path / "b.txt"
    copy.write_text(YONHAP_SAVE, encoding="utf-8")
    outcomes = import_paths([save, copy], tmp_path / "lib", replace=True)
    assert [o.ok for o in outcomes] == [True, False]
    assert len(list((tmp_path / "lib").rglob("*.md"))) == 1
