"""Typography of finished strings: single spaces, and no-break spaces where a line must not break.

>>> typeset("№  17-1/624", "en")
'№\\xa017-1/624'
>>> typeset("2 июня 2021г. по времени г.Нур-Султан (GMT +6 часов)", "ru")
'2\\xa0июня 2021\\xa0г. по времени г.\\xa0Нур-Султан (GMT+6\\xa0часов)'
>>> typeset("2024 жылғы 28 шілде, 2024 жылы, 2024ж.", "kk")
'2024\\xa0жылғы 28\\xa0шілде, 2024\\xa0жылы, 2024\\xa0ж.'
>>> typeset("as stated, on 11 p.", "en")
'as stated, on 11\\xa0p.'

A hyphen between figures, an abbreviation or a closing quote and the suffix or noun after it is the
non-breaking hyphen U+2011 (the DOCX writer turns it into Word's own ``w:noBreakHyphen``):

>>> typeset("сағат 14.00-те, 6-кездесу, 6-го, АӨСШК-нің, «Ақорда»-ға, Нью-Йорк, 17-1/624", "kk")
'сағат 14.00‑те, 6‑кездесу, 6‑го, АӨСШК‑нің, «Ақорда»‑ға, Нью-Йорк, 17-1/624'

A dash never starts a line, a figure keeps its unit, a number's groups never split (Russian and Kazakh):

>>> typeset("Астана — столица, 15 %, 1,5 млн, 5 км, 1 000 000 тенге, 2 000-ға, статья 5", "ru")
'Астана\\xa0— столица, 15\\xa0%, 1,5\\xa0млн, 5\\xa0км, 1\\xa0000\\xa0000 тенге, 2\\xa0000‑ға, статья 5'
"""
from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"
MINUS = "\u2212"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "kk": "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан",
}
_PAGE = {"en": r"p\.", "ru": r"л\.", "kk": r"п\."}
_COMMON = [
    (re.compile(r"[ \t\r\n]+"), " "),
    (re.compile(r"№\s*(?=\S)"), "№" + NBSP),
    (re.compile(r"\bGMT\s+(?=[+\-−]\d)"), "GMT"),
    (re.compile(r"\b(GMT[+\-−]\d{1,2}(?::\d{2})?) (?=\w)"), r"\1" + NBSP),   # GMT+6 hours: never split
    (re.compile(r"\bGMT-(?=\d)"), "GMT" + MINUS),                                 # GMT−5: a minus sign
    # 14.00-те, 6-кездесу, 6-го, АӨСШК-нің, «Ақорда»-ға: the suffix or noun never starts a line of its own
    (re.compile(r"(?<=[\dA-ZА-ЯЁӘҒҚҢӨҰҮҺІ»”])-(?=[a-zа-яёәғқңөұүһі])"), NB_HYPHEN),
]
_RUSSIAN = [
    (re.compile(r"(\d)\s*г\.(?!\w)"), r"\1" + NBSP + "г."),       # 2021 г.
    (re.compile(r"(?<!\d[\s\u00a0])(?<!\w)г\.\s*(?=[А-ЯЁ])"), "г." + NBSP),   # г. Астана; not «2026 г. Со …»
]
_KAZAKH = [
    (re.compile(r"(\d) (?=жыл)"), r"\1" + NBSP),                 # 2024 жылғы, 2024 жылы
    (re.compile(r"(\d)\s*ж\.(?!\w)"), r"\1" + NBSP + "ж."),       # 2024 ж.
]
# Russian and Kazakh (round lang4; Мильчин, Чельцова, «Справочник издателя и автора»: неразрывный пробел): a dash
# never starts a line (`Астана — столица`); a figure keeps its unit or its scale word (`15 %`, `1,5 млн`, `5 км`;
# ГОСТ 8.417: a space between a figure and its unit, `%` too); a number's groups of three never split (`1 000 000`).
_CYRILLIC = [
    (re.compile(r" (?=[—–](?:\s|$))"), NBSP),
    (re.compile(r"(\d) (?=(?:%|‰|млн|млрд|трлн|тыс\.|мың|км|кг|га|км²|м²)(?![\w²]))"), r"\1" + NBSP),
    # not a telephone number's groups (+7 717 272 00 00): a group of another length after it, or a + before it
    (re.compile(r"(?<![\d,.+])\d{1,3}(?: \d{3})+(?![\d,]|[ \u00a0]\d)"), lambda m: m.group().replace(" ", NBSP)),
]
_BY_LANGUAGE = {"ru": _RUSSIAN + _CYRILLIC, "kk": _KAZAKH + _CYRILLIC}


@lru_cache(maxsize=None)
def _rules(lang: str) -> list:
    day_month = re.compile(r"\b(\d{1,2}) (?=(?:%s)\w*)" % "|".join(_MONTHS[lang].split()))
    pages = re.compile(r"(\d) (?=%s)" % _PAGE[lang])
    return [*_COMMON, *_BY_LANGUAGE.get(lang, []), (day_month, r"\1" + NBSP), (pages, r"\1" + NBSP)]


@lru_cache(maxsize=1024)   # the formulas' lines recur from note to note of a batch; bounded: memory stays flat
def typeset(text: str, lang: str) -> str:
    """Collapse white space and put no-break spaces where the language's typography wants them."""
    text = text.strip()
    for pattern, replacement in _rules(lang):
        text = pattern.sub(replacement, text)
    return text


def control_characters(text: str) -> list[str]:
    """Characters XML 1.0 cannot hold (Word refuses a file with them).

    >>> control_characters("ok\\x07")
    ['\\\\x07']
    """
    return [f"\\x{ord(c):02x}" for c in _CONTROL.findall(text)]
