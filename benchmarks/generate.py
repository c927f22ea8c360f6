"""Generate a realistic, deterministic library of Brief articles for benchmarks.

``python benchmarks/generate.py --articles 10000 --out DIR [--seed N]`` writes Markdown
articles (front matter title/outlet/published/author/url/story) of 400-1,200 words: a
Zipf-distributed vocabulary of real and made-up words, proper names (some accented or
Cyrillic), numbers, quotes and captions; 50 outlets; dates over two years; most stories
reported by several outlets, each version sharing, rewording, reordering and adding
sentences the way rewrites of wire copy do.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.article import render_article

COMMON = """
the of and to in a is that for it as was with be by on not he i this are or his from at which
but have an they you were her she there been one all we their has would when if so no more out
up said about who what also its into than them only other new some could time these two may
first then do any like my now over such our man me even most made after after before many
must through back years where much your way well down should because each just those people
how too little state good very make world still own see men work long get here between both
life being under never day same another know while last might us great old year off come since
against go came right used take three states himself few house use during without again place
around however home small found thought went say part once general high upon school every
does got united left number course war until always away something fact though water less public
put think almost hand enough far took head yet government system better set told nothing night
end why called didn find look asked later point knew city next program business give group toward
young days let room president side social given present several order national possible rather
second face per among form important often things looked early white case john become large big
need four within felt along children saw best church ever least power development light thing
seemed family interest want members mind country area others done although open god service
certain kind problem began different door thus help sense means whole matter perhaps itself york
times law human line above name example action company hands local show whether five history gave
today either act feet across taken past quite anyone having seen death experience body word half
really field am car words already themselves information tell together college shall money period
held keep sure free real probably seems behind cannot miss political air question office brought
whose special heard major problems ago became federal moment study available known result street
economic boy position reason change south board individual job am society areas west close turn
love community true court force full seem wife future age wanted department voice center woman
control common necessary policy following front sometimes six girl clear further land run students
provide military intelligence ministry missile missiles artillery shells ammunition weapons
defense defence officials official spokesman spokeswoman agency report reports reported
reporting lawmakers parliament committee briefing satellite launch launches launched nuclear
ballistic cruise rocket rockets drone drones tank tanks troops soldiers forces border frontier
sanctions sanction embargo treaty talks negotiations summit visit visited leader leaders
minister ministers foreign domestic regime rebels insurgents ceasefire offensive counteroffensive
shelling strike strikes airstrike airstrikes battalion brigade division regiment convoy shipment
shipments containers railway cargo vessel vessels port ports freight warehouse depot supply
supplies supplied supplying exchange technology technical assistance cooperation alliance ally
allies partner partners condemned condemn warned warning threat threats escalation tension
tensions crisis conflict invasion occupied occupation territory region regional capital province
villages town towns residents civilians casualties wounded killed injured evacuated humanitarian
aid refugees displaced shelter hospital hospitals infrastructure power grid electricity energy
gas oil pipeline prices inflation markets market stocks investors bank banks currency economy
growth recession budget spending taxes revenue exports imports trade deficit surplus quarterly
analysts analyst experts expert researchers institute university professor according estimated
estimates estimate figures data statement statements interview press conference journalists
newspaper broadcaster television radio online social media accounts posted video footage images
photo photos photograph photographs published publication claimed claims denied denial confirmed
confirmation evidence investigation investigators prosecutors court judge trial verdict sentenced
prison charges accused suspect suspects police arrested arrest detained protest protests
protesters demonstrators rally election elections vote voters campaign candidate candidates
opposition coalition majority minority party parties senator senators congress congressional
administration white house spokesperson secretary ambassador embassy diplomat diplomats
diplomatic envoy mission delegation united nations security council resolution resolutions
violation violations comply compliance inspectors inspection shipment container containers
freight estimated roughly approximately nearly million millions billion billions thousand
thousands hundreds dozens percent weekly monthly annual annually earlier later previously
recently currently
"""

FIRST_NAMES = [
    "James",
    "Maria",
    "Kim",
    "Yoo",
    "Lee",
    "Park",
    "Choi",
    "Chen",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Olga",
    "Sergei",
    "Dmitry",
    "Vladimir",
    "Anna",
    "Elena",
    "Ivan",
    "Mikhail",
    "Natalia",
    "Pavel",
    "Tatiana",
    "Yuri",
    "Oleksandr",
    "Volodymyr",
    "Andriy",
    "Iryna",
    "Kateryna",
    "Mykola",
    "John",
    "Sarah",
    "Michael",
    "David",
    "Emma",
    "Robert",
    "Linda",
    "Thomas",
    "Susan",
    "Ahmed",
    "Fatima",
    "Mohammed",
    "Aisha",
    "Omar",
    "Leila",
    "Hassan",
    "Jean",
    "Pierre",
    "Claire",
    "Marie",
    "Luc",
    "Sophie",
    "François",
    "Hélène",
    "José",
    "Lucía",
    "Javier",
    "Ana",
    "Björn",
    "Søren",
    "Zoë",
    "Renée",
    "Chloé",
    "Jürgen",
    "Müller",
    "Łukasz",
    "Agnieszka",
    "Takeshi",
    "Yuki",
    "Hiroshi",
    "Aiko",
    "Raj",
    "Priya",
    "Arjun",
    "Ananya",
]

LAST_NAMES = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Sang-bum",
    "Jong-un",
    "Yo-jong",
    "Ivanov",
    "Petrov",
    "Sidorov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Volkov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Morozov",
    "Shoigu",
    "Lavrov",
    "Peskov",
    "Zelensky",
    "Kuleba",
    "Reznikov",
    "Budanov",
    "Zaluzhny",
    "Syrskyi",
    "Dupont",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Fernández",
    "González",
    "Pérez",
    "Sánchez",
    "Núñez",
    "Schröder",
    "Müller",
    "Weiß",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Tanaka",
    "Suzuki",
    "Takahashi",
    "Watanabe",
    "Sharma",
    "Patel",
    "Gupta",
    "Singh",
    "Haddad",
    "Nasser",
    "Khalil",
    "Mansour",
    "Ortega",
    "Álvarez",
    "Østergaard",
    "Åberg",
]

CYRILLIC_NAMES = ["Сергей Шойгу", "Владимир Путин", "Мария Захарова", "Дмитрий Песков"]

PLACES = [
    "Seoul",
    "Pyongyang",
    "Moscow",
    "Kyiv",
    "Kharkiv",
    "Odesa",
    "Donetsk",
    "Luhansk",
    "Kherson",
    "Zaporizhzhia",
    "Bakhmut",
    "Avdiivka",
    "Vostochny",
    "Vladivostok",
    "Khabarovsk",
    "Rason",
    "Nampo",
    "Sinuiju",
    "Tokyo",
    "Beijing",
    "Washington",
    "Brussels",
    "London",
    "Paris",
    "Berlin",
    "Warsaw",
    "Vilnius",
    "Riga",
    "Tallinn",
    "Helsinki",
    "Stockholm",
    "Ankara",
    "Tehran",
    "Damascus",
    "Baghdad",
    "Jerusalem",
    "Gaza",
    "Cairo",
    "Geneva",
    "Vienna",
    "Budapest",
    "Bucharest",
    "Chișinău",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Minsk",
    "Crimea",
    "Sevastopol",
    "Belgorod",
    "Kursk",
    "Bryansk",
    "Novorossiysk",
    "Tartus",
    "Kaliningrad",
    "Mariupol",
    "Melitopol",
    "Kramatorsk",
    "Sloviansk",
    "Sumy",
    "Chernihiv",
    "Lviv",
    "Dnipro",
    "Mykolaiv",
    "Pokrovsk",
    "Québec",
    "Zürich",
    "Kraków",
]

ORGS = [
    "National Intelligence Service",
    "Joint Chiefs of Staff",
    "Defense Ministry",
    "Foreign Ministry",
    "United Nations Security Council",
    "International Atomic Energy Agency",
    "Korean Central News Agency",
    "State Department",
    "Pentagon",
    "Kremlin",
    "European Commission",
    "NATO",
    "Wagner Group",
    "Rosatom",
    "Gazprom",
    "Institute for the Study of War",
    "Red Cross",
    "World Bank",
    "International Monetary Fund",
    "Bundeswehr",
]

WEAPONS = [
    "KN-23",
    "KN-24",
    "Hwasong-18",
    "Iskander",
    "Kalibr",
    "Shahed-136",
    "HIMARS",
    "Patriot",
    "S-400",
    "Javelin",
    "Leopard 2",
    "Abrams",
    "Storm Shadow",
    "ATACMS",
    "Lancet",
    "Grad",
]

OUTLET_WORDS = [
    "Herald",
    "Times",
    "Post",
    "Tribune",
    "Chronicle",
    "Gazette",
    "Courier",
    "Observer",
    "Journal",
    "Monitor",
    "Dispatch",
    "Sentinel",
    "Review",
    "Standard",
    "Express",
    "Record",
    "Independent",
    "Mirror",
    "Guardian",
    "Telegraph",
    "Inquirer",
    "Examiner",
    "Bulletin",
]

OUTLET_PLACES = [
    "Irish",
    "Northern",
    "Pacific",
    "Atlantic",
    "Baltic",
    "Capital",
    "Eastern",
    "Western",
    "Global",
    "Metro",
    "Daily",
    "Evening",
    "Morning",
    "National",
    "Continental",
    "Harbour",
    "Valley",
    "Highland",
    "Coastal",
    "City",
]

SYNONYMS = {
    "said": ["stated", "told reporters", "added", "noted", "claimed"],
    "warned": ["cautioned", "said"],
    "sent": ["shipped", "supplied", "delivered", "transferred"],
    "officials": ["authorities", "sources", "representatives"],
    "about": ["around", "roughly", "approximately"],
    "reported": ["said", "announced", "disclosed"],
    "large": ["big", "major", "significant"],
    "since": ["after", "following"],
    "attack": ["strike", "assault"],
    "weapons": ["arms", "munitions"],
    "military": ["armed forces", "army"],
    "leader": ["head", "chief"],
    "country": ["nation", "state"],
}

SYLLABLES = [
    "ba", "bel", "bri", "ca", "cor", "da", "del", "dor", "fa", "fen", "ga", "gal", "ha", "hel",
    "in", "ka", "kel", "lan", "lo", "ma", "mer", "mon", "na", "nor", "o", "pa", "per", "ra",
    "ren", "ro", "sa", "sel", "sto", "ta", "ter", "tri", "u", "va", "vel", "wen", "ya", "zor",
]  # fmt: skip


@dataclass
class Story:
    key: str
    published: datetime
    sentences: list[str]
    headline: str
    outlets: list[str]
    caption: str | None


class Generator:
    """Holds the seeded random source and the vocabulary; produces stories and articles."""

    def __init__(self, seed: int, tail_words: int = 45_000) -> None:
        self.rng = random.Random(seed)
        common = list(dict.fromkeys(COMMON.split()))
        tail = self._made_up_words(tail_words)
        self.words = common + tail
        # Zipf-like weights within each list; real English words carry about three quarters
        # of the running text and the long tail of rarer words the rest.
        head = [1.0 / (rank + 3) for rank in range(len(common))]
        rest = [1.0 / (rank + 10) for rank in range(len(tail))]
        head_sum, rest_sum = sum(head), sum(rest)
        weights = [0.76 * w / head_sum for w in head] + [0.24 * w / rest_sum for w in rest]
        total = 0.0
        self.cum_weights = []
        for w in weights:
            total += w
            self.cum_weights.append(total)
        self.people = [
            f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}" for _ in range(400)
        ] + CYRILLIC_NAMES
        self.outlets = self._outlets(50)
        self.authors = [
            f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}" for _ in range(300)
        ]

    def _made_up_words(self, count: int) -> list[str]:
        seen: set[str] = set()
        words: list[str] = []
        while len(words) < count:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4)))
            if self.rng.random() < 0.15:
                word += self.rng.choice(["s", "ed", "ing", "ly", "tion"])
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _outlets(self, count: int) -> list[str]:
        names: list[str] = []
        while len(names) < count:
            name = f"The {self.rng.choice(OUTLET_PLACES)} {self.rng.choice(OUTLET_WORDS)}"
            if name not in names:
                names.append(name)
        return names

    def sample_words(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum_weights, k=n)

    def sentence(self) -> str:
        rng = self.rng
        kind = rng.random()
        n = rng.randint(8, 26)
        words = self.sample_words(n)
        # Sprinkle proper names and numbers, as news copy does.
        for _ in range(rng.randint(0, 3)):
            slot = rng.randrange(len(words))
            pick = rng.random()
            if pick < 0.3:
                words[slot] = rng.choice(self.people)
            elif pick < 0.55:
                words[slot] = rng.choice(PLACES)
            elif pick < 0.75:
                words[slot] = "the " + rng.choice(ORGS)
            elif pick < 0.85:
                words[slot] = rng.choice(WEAPONS)
            else:
                words[slot] = f"{rng.randint(2, 9_999):,}"
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        if kind < 0.15:
            return f'"{text}," said {rng.choice(self.people)}.'
        if kind < 0.2:
            return f"{text}, {rng.choice(self.people)} told {rng.choice(self.outlets)}."
        return text + "."

    def reword(self, sentence: str) -> str:
        """A rewrite of a shared sentence: synonyms swapped, a clause dropped or added."""
        rng = self.rng
        words = sentence.rstrip(".").split(" ")
        for i, word in enumerate(words):
            if word in SYNONYMS and rng.random() < 0.7:
                words[i] = rng.choice(SYNONYMS[word])
        if len(words) > 12 and rng.random() < 0.4:
            cut = rng.randrange(4, len(words) - 4)
            words = words[:cut] + words[cut + rng.randint(1, 3) :]
        if rng.random() < 0.3:
            words += ["according", "to", rng.choice(["officials", "sources", "reports"])]
        if rng.random() < 0.2:
            words.insert(rng.randrange(1, len(words)), str(rng.randint(2, 500)))
        return " ".join(words) + "."

    def story(self, number: int, start: datetime) -> Story:
        rng = self.rng
        published = start + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        coverage = rng.choices([1, 2, 3, 4, 5, 6, 8], weights=[25, 20, 18, 14, 10, 8, 5])[0]
        outlets = rng.sample(self.outlets, coverage)
        headline_words = self.sample_words(rng.randint(4, 9))
        subject = rng.choice([*self.people[:60], *PLACES, *ORGS, *WEAPONS])
        headline = f"{subject} {' '.join(headline_words)}"
        caption = None
        if rng.random() < 0.35:
            caption = (
                f"{rng.choice(self.people)} in {rng.choice(PLACES)} on "
                f"{published:%d %B} ({rng.choice(self.people)}/AP)"
            )
        sentences = [self.sentence() for _ in range(rng.randint(30, 60))]
        return Story(f"story-{number:05d}", published, sentences, headline, outlets, caption)

    def version(self, story: Story, outlet: str, nth: int) -> tuple[dict, list[tuple[str, str]]]:
        """One outlet's article of a story: its front matter and body blocks."""
        rng = self.rng
        target_words = rng.randint(400, 1200)
        chosen: list[str] = []
        for sentence in story.sentences:
            roll = rng.random()
            if roll < 0.45:
                chosen.append(sentence)
            elif roll < 0.75:
                chosen.append(self.reword(sentence))
        # Reorder a little: swap a few neighbouring sentences.
        for _ in range(rng.randint(0, 4)):
            if len(chosen) > 2:
                i = rng.randrange(len(chosen) - 1)
                chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
        # Unique details, inserted at random places, until the length is reached.
        count = sum(len(s.split()) for s in chosen)
        while count < target_words:
            extra = self.sentence()
            chosen.insert(rng.randrange(len(chosen) + 1), extra)
            count += len(extra.split())
        while count > target_words + 40 and len(chosen) > 3:
            dropped = chosen.pop(rng.randrange(len(chosen)))
            count -= len(dropped.split())
        blocks: list[tuple[str, str]] = []
        i = 0
        while i < len(chosen):
            size = rng.randint(1, 4)
            blocks.append(("text", " ".join(chosen[i : i + size])))
            i += size
        if story.caption and rng.random() < 0.7:
            blocks.insert(rng.randint(0, min(3, len(blocks))), ("caption", story.caption))
        if len(blocks) > 6 and rng.random() < 0.2:
            blocks.insert(len(blocks) // 2, ("heading", " ".join(self.sample_words(3)).title()))
        title = story.headline if nth == 0 or rng.random() < 0.3 else self.reword(story.headline)
        title = title.rstrip(".")
        title = title[0].upper() + title[1:]
        published = story.published + timedelta(minutes=rng.randrange(0, 36 * 60))
        slug = outlet.lower().replace(" ", "")
        meta = {
            "title": title,
            "outlet": outlet,
            "published": published.replace(second=0, microsecond=0),
            "author": rng.choice(self.authors) if rng.random() < 0.7 else None,
            "url": f"https://www.{slug}.example/{published:%Y/%m/%d}/{story.key}",
            "story": story.key,
        }
        return meta, blocks


def generate(articles: int, out: Path, seed: int = 1, progress: bool = False) -> list[Path]:
    """Write ``articles`` article files under ``out`` (one folder per outlet)."""
    gen = Generator(seed)
    start = datetime(2022, 1, 1)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    number = 0
    while len(written) < articles:
        story = gen.story(number, start)
        number += 1
        for nth, outlet in enumerate(story.outlets):
            if len(written) >= articles:
                break
            meta, blocks = gen.version(story, outlet, nth)
            folder = out / outlet.lower().replace(" ", "-")
            folder.mkdir(exist_ok=True)
            path = folder / f"{meta['published']:%Y-%m-%d}-{story.key}.md"
            path.write_text(render_article(meta, blocks), encoding="utf-8")
            written.append(path)
        if progress and number % 500 == 0:
            print(f"{len(written)} articles", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    began = time.perf_counter()
    written = generate(args.articles, args.out, args.seed, progress=True)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in written[:200])
    print(
        f"wrote {len(written)} articles to {args.out} in {time.perf_counter() - began:.1f} s "
        f"(~{words / max(1, min(200, len(written))):.0f} words each)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
