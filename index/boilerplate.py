"""Page furniture that saves carry into the text: comment boxes, share buttons, "Related",
copyright notices, reading times, paywall notices, disclaimers, credit trailers and the
end markers of wire copy ("(END)", "-30-", "###").

Each family is matched on the whole line, so a sentence that merely mentions comments
or copyright is never taken for furniture.
"""

from __future__ import annotations

import re

_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "comment-box text",
            r"^(?:be the first to comment|leave a (?:reply|comment)|\d+\s+comments?|comments?"
            r"(?:\s*\(\d+\))?|add a comment|post a comment|join the (?:conversation|discussion)"
            r"|log in to comment|sign in to comment|you must be logged in to post a comment"
            r"|your email address will not be published.*|required fields are marked.*"
            r"|this site uses akismet to reduce spam.*|cancel reply|view comments|show comments"
            r"|commentaires?|réagir)\s*[.!:]?$",
        ),
        (
            "share buttons",
            r"^(?:share(?: this)?(?: article| story| page| post)?|share on \w+|like this|"
            r"like loading\.*|loading\.*|click to (?:share|email|print|like).*|"
            r"(?:(?:tweet|facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|telegram"
            r"|pinterest|tumblr|pocket|messenger|copy link|copy|partager|imprimer)[\s,|·•]*)+)"
            r"\s*[.:]?$",
        ),
        (
            "related-links and navigation",
            r"^(?:related(?: (?:articles|stories|topics|content|posts|coverage|news))?"
            r"|more on this story|explore more on these topics|more on these topics|more from \w+|read more|read more:.*|see also|you may also like"
            r"|you might also like|recommended(?: for you)?|most read|most popular|top stories"
            r"|trending(?: now)?|skip to (?:main )?content|continue reading|back to top"
            r"|sur le même sujet|lire aussi.*|à lire aussi.*|voir aussi|les plus lus"
            r"|weitere artikel|mehr zum thema|lesen sie auch.*)\s*[.:]?$",
        ),
        ("advertising", r"^(?:advertisement|advert|sponsored(?: content)?|publicité|anzeige)$"),
        (
            "social-media prompt",
            r"^(?:follow us(?: on [\w ,&]+)?|follow @\w+(?: on \w+)?"
            r"|follow (?:the author|[\w .]{1,40}) on (?:twitter|x|facebook|instagram|linkedin))"
            r"\s*[.!]?$",
        ),
        ("gallery counter", r"^(?:image|photo|picture|slide)?\s*\d+\s*(?:of|/)\s*\d+$"),
        (
            "audio or video player",
            r"^(?:listen(?: to (?:this )?(?:article|story))?(?:\s*\d+\s*min(?:utes?)?)?"
            r"|play(?: audio| video)?|watch(?: video)?|pause|media playback is unsupported on your "
            r"device|écouter cet article)\s*[.:]?$",
        ),
        (
            "cookie notice",
            r"^(?:we use cookies\b.*|this (?:site|website) uses cookies\b.*|accept(?: all)? cookies"
            r"|manage cookies|cookie (?:settings|preferences))$",
        ),
        ("contact address", r"^(?:e-?mail\s*:?\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?$"),
        (
            "reading time",
            r"^(?:(?:temps de )?lecture\s*:?\s*\d+\s*min(?:utes?)?|\d+\s*min(?:ute)?s?\s+read"
            r"|reading time\s*:?\s*\d+\s*min(?:ute)?s?|lesezeit\s*:?\s*\d+\s*min(?:uten)?)\.?$",
        ),
        (
            "subscription notice",
            r"^(?:article réservé aux abonnés|réservé aux abonnés|subscribers? only"
            r"|subscribe(?: now)?|s'abonner|abonnez-vous|sign up for our newsletter"
            r"|get our free newsletter|this article is for subscribers)\s*[.!]?$",
        ),
        (
            "disclaimer (publisher boilerplate, not part of the report)",
            r"^(?:disclaimer\s*:.*|the views (?:and opinions )?expressed (?:in this|here|herein)"
            r".*(?:do not|are (?:those|solely)).*|this (?:article|story|content) (?:was|has been|is)"
            r" (?:generated|produced|written|created) (?:by|with|using) (?:ai|artificial "
            r"intelligence|an ai)\b.*|les opinions exprimées.*)$",
        ),
        (
            "credits trailer",
            r"^\(?(?:reporting|additional reporting|writing|editing|compiled|research"
            r"|produced|graphics) by\b.*$",
        ),
        (
            "publisher boilerplate",
            r"^(?:our standards\s*:.*|reuse this content|licensing rights|report an error|corrections policy)$",
        ),
        (
            "tags",
            r"^(?:tags?|topics?|filed under|categories|category|posted in|mots-clés|sujets?"
            r"|schlagworte)\s*:.*$",
        ),
        ("copyright notice", r"^(?:©|\(c\)\s|copyright\b|all rights reserved).*$"),
        (
            "wire end marker",
            r"^(?:\(\s*(?:end|ends|fin|ende)\s*\)|-+\s*(?:30|ends?)\s*-+|#{3}|\+{3}|ends?)$",
        ),
    )
)

_COPYRIGHT_OWNER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[^.,;©|/]+?)\s*(?:[.,;|]|\s+all rights|$)",
    re.IGNORECASE,
)


def furniture_reason(line: str) -> str | None:
    """Why ``line`` is page furniture rather than report, or None if it is not."""
    text = line.strip()
    if len(text) > 600:
        return None
    for reason, pattern in _FAMILIES:
        if pattern.match(text):
            return reason
    return None


def copyright_owner(line: str) -> str | None:
    """The name in a copyright notice ("© 2023, GDC." -> "GDC"), if it names one."""
    match = _COPYRIGHT_OWNER.match(line.strip())
    if not match:
        return None
    name = match.group("name").strip()
    if not name or len(name.split()) > 6 or name.lower().startswith(("all rights", "by ")):
        return None
    return name
