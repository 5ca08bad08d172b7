"""Vietnamese text helpers: accent folding for search, and name ordering.

Search ignores accents and case: ``fold("Nguyễn Văn An") == "nguyen van an"``. Lists are
sorted the Vietnamese way: by given name (the last word), then family name (the first word),
then the middle names, each compared in the Vietnamese alphabet (a < ă < â < b < c < d < đ ...),
with tones only breaking ties. ``name_sort_key`` returns a plain ASCII string of digits and
lower-case letters so that the database orders it the same way under SQLite's binary
collation and PostgreSQL's C or en_US collations.
"""

from __future__ import annotations

import re
import unicodedata

# Vietnamese alphabet order; f, j, w, z appear in foreign names and go where Latin puts them.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_DIGITS36 = "0123456789abcdefghijklmnopqrstuvwxyz"
# "0" is the padding (sorts first); letters take 1..; digits in names are rare and go last.
_LETTER_CODE = {ch: _DIGITS36[i + 1] for i, ch in enumerate(_ALPHABET)}
_TONE_MARKS = {
    "\u0300": "2",  # huyền
    "\u0309": "3",  # hỏi
    "\u0303": "4",  # ngã
    "\u0301": "5",  # sắc
    "\u0323": "6",  # nặng
}
# Marks that make a distinct letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_WORD_WIDTH = 8
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip every diacritic (đ → d), collapse spaces."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def normalize_name(text: str | None) -> str:
    """Trim, collapse spaces and put every word in title case, in NFC."""
    if not text:
        return ""
    words = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().split(" ")
    return " ".join(w[:1].upper() + w[1:].lower() for w in words if w)


def _split_letters(word: str) -> tuple[str, str]:
    """Return (letter codes, tone digits) for one word."""
    letters: list[str] = []
    tones: list[str] = []
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        letter_marks = "".join(m for m in marks if m in _LETTER_MARKS)
        letter = unicodedata.normalize("NFC", base + letter_marks)
        if base == "đ" or letter == "đ":
            letter = "đ"
        code = _LETTER_CODE.get(letter) or _LETTER_CODE.get(fold(letter))
        if code is None:
            if letter.isdigit():
                code = "z"
            else:
                continue
        letters.append(code)
        tone = next((_TONE_MARKS[m] for m in marks if m in _TONE_MARKS), None)
        if tone:
            tones.append(tone)
    if not tones:
        tones.append("1")  # thanh ngang sorts before the marked tones
    return "".join(letters), "".join(tones)


def _clusters(decomposed: str):
    current = ""
    for ch in decomposed:
        if unicodedata.combining(ch) and current:
            current += ch
        else:
            if current:
                yield current
            current = ch
    if current:
        yield current


def name_order(full_name: str) -> list[str]:
    """Words of a name in comparison order: given name, family name, then middle names."""
    words = [w for w in _SPACES.split((full_name or "").strip()) if w]
    if len(words) <= 1:
        return words
    return [words[-1], words[0], *words[1:-1]]


def name_sort_key(full_name: str) -> str:
    """ASCII key ordering names the Vietnamese way (see module docstring)."""
    primary: list[str] = []
    secondary: list[str] = []
    for word in name_order(full_name):
        letters, tones = _split_letters(word)
        primary.append(letters[:_WORD_WIDTH].ljust(_WORD_WIDTH, "0"))
        secondary.append(tones[:3].ljust(3, "0"))
    return ("".join(primary) + "".join(secondary))[:250]


def text_sort_key(text: str) -> str:
    """Vietnamese alphabetical key for a unit name or any other text (word order kept)."""
    primary: list[str] = []
    secondary: list[str] = []
    for word in _SPACES.split((text or "").strip()):
        if not word:
            continue
        letters, tones = _split_letters(word)
        primary.append(letters[:_WORD_WIDTH].ljust(_WORD_WIDTH, "0"))
        secondary.append(tones[:3].ljust(3, "0"))
    return ("".join(primary) + "".join(secondary))[:250]


def search_terms(query: str | None) -> list[str]:
    """Folded words of a search box entry, ready for ``icontains`` on a folded column."""
    return [w for w in fold(query).split(" ") if w]
