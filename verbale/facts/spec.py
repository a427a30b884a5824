"""The YAML note spec (NOTE-SPEC §1): its model, and loading a file into it with clear errors.

The pydantic models are the one source of truth: they validate specs and give the JSON Schema.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import (BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

from ..errors import NoteError, SpecError
from .house import MARK_NAME, Executor, House
from .yamlsource import YamlDoc, dotted, load_yaml_bytes

LANGUAGES = ("en", "ru", "kk")
MAX_TEXT = 5000          # characters in one per-language text
MAX_PAGES = 2000         # pages in one enclosure
NO_NUMBER = "none"       # `number: none`: a note without a number line
DEFAULT_KIND = "note-verbale"   # NOTE-SPEC §11: the document a spec makes unless it says `kind:`
MAX_AMOUNT = 10 ** 15    # the largest sum of money
Lang = Literal["en", "ru", "kk"]
Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
# The name of a formula variant (`opening: acknowledging`) or of a ref kind: a name in formulas.yaml
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
# A count is a decimal integer as typed: no "5" in quotes, no 5.0, no yes (YAML 1.2 core schema; issue #15)
Count = Annotated[int, Field(gt=0, le=MAX_PAGES, strict=True)]
UNFILLED = "TODO"       # a text still to write (facts/termbase.py marks forms to fill in the same way)
OFFSET = re.compile(r"(?:[zZ]|[+-]\d\d(?::?\d\d)?)$")


class Texts(BaseModel):
    """One text per language; each a small Jinja template over the facts of the note."""

    model_config = ConfigDict(extra="forbid")
    en: str | None = Field(None, max_length=MAX_TEXT, description="the English text",
                           examples=["forward the draft agenda {{ meeting.when }}"])
    ru: str | None = Field(None, max_length=MAX_TEXT, description="the Russian text",
                           examples=["препроводить проект повестки дня заседания, которое состоится {{ meeting.when }}"])
    kk: str | None = Field(None, max_length=MAX_TEXT, description="the Kazakh text",
                           examples=["{{ meeting.when }} өтетін отырыстың күн тәртібі жобасын жолдауды"])


Line = Annotated[str, Field(max_length=MAX_TEXT)]


class Lines(BaseModel):
    """One line, or a list of lines, per language; each a small Jinja template over the facts of the note."""

    model_config = ConfigDict(extra="forbid")
    en: Line | list[Line] | None = Field(None, title="English", description="the English line or lines",
                                         examples=[["NOTIFICATION", "No. {{ number }}"]])
    ru: Line | list[Line] | None = Field(None, title="Russian", description="the Russian line or lines",
                                         examples=[["УВЕДОМЛЕНИЕ", "№ {{ number }}"]])
    kk: Line | list[Line] | None = Field(None, title="Kazakh", description="the Kazakh line or lines",
                                         examples=[["ХАБАРЛАМА", "№ {{ number }}"]])

    def lines(self, lang: str) -> list[str]:
        value = getattr(self, lang)
        return [] if value is None else [value] if isinstance(value, str) else list(value)


class Opening(BaseModel):
    """The opening with a clause of the spec's own between the compliments and the action (NOTE-SPEC §10)."""

    model_config = ConfigDict(extra="forbid")
    clause: Texts | None = Field(None, description="the clause, per language, between the compliments and the "
                                 "action: '… and, {clause}, has the honour to …'", examples=[{
                                     "en": "confirming receipt of {{ refs.their_note }}",
                                     "ru": "подтверждая получение {{ refs.their_note.gen }}",
                                     "kk": "{{ refs.their_note | acc }} алғанын растай отырып"}])
    action: Name = Field("honour", description="how the opening goes on after the clause: honour ('… has the "
                         "honour to …'), plain ('… and …': the purpose carries its own verb), or a variant of the "
                         "office's own formulas", examples=["plain"])


class Reference(BaseModel):
    """The document the opening cites, and the phrase that cites it."""

    model_config = ConfigDict(extra="forbid")
    ref: Key = Field(description="the short name of the document cited, one of the documents referred to",
                     examples=["their-note"])
    phrase: Name = Field("default", description="the phrase that cites it: default ('with reference to …'), receipt "
                         "('confirming receipt of …'), reply ('in reply to …'), or one of the office's own formulas",
                         examples=["receipt"])


class Meeting(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: Key = Field(description="termbase key of the meeting body", examples=["swg"])
    start: Annotated[dt.datetime, WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"})] = Field(
        description="local wall-clock time in `zone`: YYYY-MM-DD HH:MM", examples=["2021-09-24 14:00"])
    zone: str | None = Field(None, description="IANA time zone; default: the zone of `time_of`",
                             examples=["Asia/Almaty"])
    time_of: Key | None = Field(None, description="termbase key of the city whose time this is; default: `place`",
                                examples=["astana"])
    format: Literal["in-person", "online"] = Field("in-person", description="how the meeting is held",
                                                  examples=["online"])
    ambiguous: Literal["earlier", "later"] | None = Field(
        None, description="which of two equal wall-clock times when clocks go back (daylight saving ends)",
        examples=["earlier"])
    end: Annotated[dt.datetime | None, WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"})] = Field(
        None, description="when the meeting ends, the same day: YYYY-MM-DD HH:MM; meeting.when then gives the span",
        examples=["2021-09-24 16:00"])

    @field_validator("start", "end", mode="before")
    @classmethod
    def _parse_moment(cls, value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None or isinstance(value, str) and (
                OFFSET.search(value.strip()) and len(value.strip()) > 16):
            raise ValueError("a time with an offset or Z is not taken: write the local wall-clock time "
                             "YYYY-MM-DD HH:MM and name the zone in `zone` or `time_of`")
        if not isinstance(value, (str, dt.date)):
            raise ValueError("expected a date and time as YYYY-MM-DD HH:MM")
        if isinstance(value, str):
            try:
                return dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
            except ValueError:
                raise ValueError("expected a real date and time as YYYY-MM-DD HH:MM") from None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            raise ValueError("a time of day is missing: YYYY-MM-DD HH:MM")
        return value

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end is not None and not (self.end.date() == self.start.date() and self.end > self.start):
            raise ValueError("`end` must be later than `start` on the same day (for several days, use periods:)")
        return self


class Period(BaseModel):
    """Both ends included: {from, to}, {from} alone (from … on), or {until} (until … inclusive)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: dt.date | None = Field(None, alias="from", description="the first day", examples=["2011-08-27"])
    end: dt.date | None = Field(None, alias="to", description="the last day (with `from`)", examples=["2016-08-26"])
    until: dt.date | None = Field(None, description="the last day, included, of a period with no start",
                                  examples=["2015-12-15"])

    @model_validator(mode="after")
    def _shape(self):
        if self.until is not None and (self.start or self.end):
            raise ValueError("write either `until` alone or `from` (and `to`), not both")
        if self.until is None and self.start is None:
            raise ValueError("a period needs `from` (and `to`), or `until`")
        if self.end is not None and self.end <= self.start:
            raise ValueError("`to` must come after `from` (for one day, use dates:)")
        return self


class Ref(BaseModel):
    """A document the note refers to: an earlier note, an agreement, a letter, a resolution."""

    model_config = ConfigDict(extra="forbid")
    kind: Name = Field(description="what the document is: note, agreement, letter, resolution, or a kind the "
                       "workspace's formulas.yaml adds under refs.kinds", examples=["note"])
    number: Union[Annotated[str, Field(min_length=1, max_length=60)], Texts, None] = Field(
        None, description="its number as printed, or one per language", examples=["10756/двбр", {"ru": "10663/двбр", "en": "10663/dvbr"}])
    date: dt.date | None = Field(None, description="its date", examples=["2007-12-14"])
    of: Key | None = Field(None, description="termbase key of its issuer", examples=["mfa-russia"])
    at: Key | None = Field(None, description="termbase key of the place where it was signed", examples=["moscow"])
    title: Texts | None = Field(None, description="its title in each language (after the word Agreement, …)",
                                examples=[{"en": "between ... on ...", "ru": "между ... о ...", "kk": "... туралы"}])
    issuer: Literal["full", "short", "pronoun"] | None = Field(
        None, description="how the issuer is named: full, short ('the Note of the Embassy'; by default as the house "
        "names issuers), or pronoun where the issuer is the note's one addressee, named just before ('its Note', "
        "«его ноту», «оның … нотасы»; a reply starts so)", examples=["pronoun"])

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Amount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: Annotated[Decimal, WithJsonSchema({"type": "number", "minimum": 0})] = Field(
        ge=0, le=MAX_AMOUNT, description="the sum", examples=[50000])
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code", examples=["USD"])

    @field_validator("value", mode="before")
    @classmethod
    def _exact(cls, value):
        if isinstance(value, bool):
            raise ValueError("a sum is a number")
        return Decimal(str(value)) if isinstance(value, float) else value


class Enclosure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: Texts = Field(description="the enclosure's title in each language",
                         examples=[{"en": "Information on CICA", "ru": "Информация о СВМДА", "kk": "АӨСШК туралы ақпарат"}])
    pages: Count | None = Field(None, description="its number of pages (may be left out where the house prints "
                                "the enclosures without page counts)", examples=[6])


class Agenda(BaseModel):
    """The draft agenda sent with the note (NOTE-SPEC §8): its heading comes from ``meeting``."""

    model_config = ConfigDict(extra="forbid")
    title: Texts | None = Field(None, description="the title in each language; default DRAFT AGENDA / ПРОЕКТ "
                                "ПОВЕСТКИ ДНЯ / КҮН ТӘРТІБІНІҢ ЖОБАСЫ", examples=[{"en": "PROVISIONAL AGENDA"}])
    items: list[Texts] = Field(min_length=1, max_length=50, description="the items, each in every language",
                               examples=[[{"en": "Adoption of the agenda", "ru": "Утверждение повестки дня",
                                           "kk": "Күн тәртібін бекіту"}]])


class NoteSpec(BaseModel):
    """A note verbale, as a clerk fills it in."""

    model_config = ConfigDict(extra="forbid", title="Note verbale spec")
    number: Annotated[str, WithJsonSchema({"type": ["string", "integer"]})] = Field(
        min_length=1, max_length=60, description='printed as "№ 17-1/624"; `none`: a note without a number line',
        examples=["17-1/624", "none"])
    date: dt.date = Field(description="date of issue, YYYY-MM-DD", examples=["2021-09-23"])
    place: Key | None = Field(None, description="termbase key of the city of issue; required unless the "
                              "workspace's verbale.yaml names a default `place`", examples=["astana"])
    sender: Key | None = Field(None, description="termbase key of the sender; required unless the workspace's "
                               "verbale.yaml names a default `sender`", examples=["cica-secretariat"])
    kind: Name = Field(DEFAULT_KIND, description="the document: note-verbale (the default), personal-note (in the "
                       "first person, signed by the sender, a person, to one recipient) or aide-memoire (no formulas "
                       "of courtesy, no recipients); an office may add kinds of its own",
                       examples=["personal-note", "aide-memoire"])
    # required in a note verbale; a kind of document says how many it takes (a personal note one, an aide-mémoire
    # none: formulas.yaml, kinds.<kind>.requires)
    recipients: list[Key] = Field(None, validate_default=True, description="termbase keys; [] leaves out the "
                                  "compliments formula", examples=[["cica-member-states"]])
    handed_to: Key | None = Field(None, description="an aide-mémoire's: termbase key of whom it was handed to (the "
                                  "register records it)", examples=["mfa-russia"])
    urgency: Literal["none", "urgent", "most-urgent"] = Field(
        "none", description="the urgency mark: URGENT / СРОЧНО / ШҰҒЫЛ, MOST URGENT! / ВЕСЬМА СРОЧНО! / ШҰҒЫЛ!",
        examples=["most-urgent"])
    on_behalf_of: Key | None = Field(None, description='termbase key: ", on behalf of the CICA Chairmanship,"',
                                     examples=["cica-chairmanship"])
    languages: list[Lang] = Field(list(LANGUAGES), min_length=1, description="which language versions to write",
                                  examples=[["en", "ru", "kk"], ["en"]])
    purpose: Texts = Field(description='what follows "has the honour to", one text per language', examples=[{
        "en": "forward the draft agenda of the {{ meeting.body }} meeting {{ meeting.when }}",
        "ru": "препроводить проект повестки дня заседания {{ meeting.body.gen }}, которое состоится {{ meeting.when }}",
        "kk": "{{ meeting.when }} өтетін {{ meeting.body.gen }} отырысының күн тәртібі жобасын жолдауды"}])
    continuation: Texts | None = Field(None, description="more sentences in the opening paragraph, for the "
                                       "languages that need them", examples=[{"kk": "Аталмыш отырыс {{ meeting.format }} өтетін болады."}])
    paragraphs: list[Texts] = Field([], max_length=50, description="further body paragraphs, each in every language",
                                    examples=[[{"en": "The agenda is attached.", "ru": "Повестка дня прилагается.",
                                                "kk": "Күн тәртібі қоса беріліп отыр."}]])
    meeting: Meeting | None = Field(None, description="the meeting the note is about; its facts are written once here",
                                    examples=[{"body": "swg", "start": "2021-09-24 14:00", "time_of": "astana"}])
    dates: dict[Key, dt.date] = Field({}, description="dates used in texts as {{ dates.NAME }}",
                                     examples=[{"deadline": "2017-05-12"}])
    periods: dict[Key, Period] = Field({}, description="periods used as {{ periods.NAME }} (both ends included)",
                                       examples=[{"extension": {"from": "2011-08-27", "to": "2016-08-26"}}])
    refs: dict[Key, Ref] = Field({}, description="documents referred to, used as {{ refs.NAME }}",
                                 examples=[{"their-note": {"kind": "note", "number": "10663", "date": "2007-12-14"}}])
    amounts: dict[Key, Amount] = Field({}, description="sums of money used as {{ amounts.NAME }}",
                                       examples=[{"contribution": {"value": 50000, "currency": "USD"}}])
    with_reference_to: Key | Reference | None = Field(
        None, description="a key of refs: the opening says '…, with reference to {ref}, has the honour to …'; or "
        "{ref, phrase} with a phrase of formulas.yaml", examples=["their-note", {"ref": "their-note", "phrase": "receipt"}])
    heading: Lines | None = Field(None, description="lines printed above the number line, per language (a "
                                  "notification's title; {{ number }} and facts work inside)", examples=[{
                                      "en": ["NOTIFICATION", "No. {{ number }}"], "ru": ["УВЕДОМЛЕНИЕ", "№ {{ number }}"],
                                      "kk": ["ХАБАРЛАМА", "№ {{ number }}"]}])
    subject: Texts | None = Field(None, description="one line after the number line, after the house's "
                                  "subject_label (Subject: / Тема: / Тақырыбы:)", examples=[{
                                      "en": "Contributions for 2025", "ru": "Взносы на 2025 год", "kk": "2025 жылға арналған жарналар"}])
    in_reply_to: str | None = Field(None, pattern=r"^in-\d{4}-0*[1-9]\d{0,8}$", description="the incoming note "
                                    "this note answers (its id in the register, `verbale incoming list`): "
                                    "generating the note records it as the answer", examples=["in-2026-7"])
    distribution: list[Key] | Key = Field([], description="one note per recipient (keys or a named group)",
                                          examples=["cica-member-states-mfa"])
    enclosures: Union[Count, list[Enclosure], None] = Field(
        None, description="pages of one enclosure 'as stated', or a list of titled enclosures", examples=[11])
    # NOTE-SPEC §7: house conventions and formula variants
    house: House | None = Field(None, description="this note's house conventions (over the sender's and the "
                                "workspace's)", examples=[{"number_label": {"en": "No."}, "spelling": "en-US"}])
    opening: Name | Opening = Field(
        "honour", description='honour: "... and has the honour to {purpose}"; plain: "... and {purpose}" '
        "(the purpose carries its own verb); a variant of the workspace's formulas.yaml; or {clause, action}",
        examples=["plain", {"clause": {"en": "confirming receipt of {{ refs.their_note }}"}, "action": "honour"}])
    compliments: bool | None = Field(
        None, description='"presents its compliments to ..."; default: when there are recipients',
        examples=[False])
    closing: Name | None = Field(
        None, description="the closing formula: highest | high | none | a variant of the workspace's "
        "formulas.yaml; default: what each recipient's termbase entry says it is owed, else highest",
        examples=["high"])
    # NOTE-SPEC §12: registration marks (over the house's)
    executor: Executor | None = Field(None, description="the executor mark at the foot of the last page (over "
                                      "the house's)", examples=[{"name": "A. Seitkali", "phone": "+7 7172 72 00 00"}])
    restriction: Annotated[str, Field(pattern=MARK_NAME, max_length=40)] | None = Field(
        None, description="a restriction mark under the number line (over the house's): official-use, "
        "confidential, or a mark of the workspace's formulas", examples=["official-use"])

    @property
    def printed_number(self) -> str:
        """The number as printed, or "" for `number: none`."""
        return "" if self.number.lower() == NO_NUMBER else self.number

    @property
    def opening_action(self) -> str:
        """The variant of ``opening`` the note uses (honour, plain or the workspace's own)."""
        return self.opening if isinstance(self.opening, str) else self.opening.action

    @property
    def opening_clause(self) -> Texts | None:
        return None if isinstance(self.opening, str) else self.opening.clause

    @property
    def reference(self) -> tuple[str, str] | None:
        """``with_reference_to`` as (ref key, phrase variant), or None."""
        value = self.with_reference_to
        if value is None:
            return None
        return (value, "default") if isinstance(value, str) else (value.ref, value.phrase)
    agenda: Agenda | None = Field(None, description="the draft agenda of the meeting, written as NAME.agenda.<lang>.docx "
                                  "and after the notes in NAME.docx", examples=[{"items": [
                                      {"en": "Adoption of the agenda", "ru": "Утверждение повестки дня",
                                       "kk": "Күн тәртібін бекіту"}]}])

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value):
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("number")
    @classmethod
    def _number_printable(cls, value: str):
        if not value.isprintable() or not value.strip():
            raise ValueError("the number holds control characters or only spaces")
        return value.strip()

    @field_validator("date", mode="before")
    @classmethod
    def _date_only(cls, value):
        if isinstance(value, dt.datetime):
            raise ValueError("a date without a time is expected: YYYY-MM-DD")
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"'{value}' is not a real date") from None
        if not isinstance(value, dt.date):
            raise ValueError("a date is written YYYY-MM-DD")
        return value

    @field_validator("recipients", mode="before")
    @classmethod
    def _recipients_given(cls, value, info):
        """Required in a note verbale (NOTE-SPEC §1); another kind may leave them out, and its rules (formulas.yaml,
        ``kinds.<kind>.requires``) say how many it takes."""
        if value is None:
            if info.data.get("kind", DEFAULT_KIND) == DEFAULT_KIND:
                raise PydanticCustomError("missing", "Field required")
            return []
        return value

    @field_validator("recipients", "distribution")
    @classmethod
    def _keys_unique(cls, value):
        if isinstance(value, list):
            twice = sorted({key for key in value if value.count(key) > 1})
            if twice:
                raise ValueError(f"'{twice[0]}' is named twice (each recipient gets one note)")
        return value

    @model_validator(mode="after")
    def _reference_known(self):
        if self.reference is not None and self.reference[0] not in self.refs:
            raise ValueError(f"with_reference_to: '{self.reference[0]}' is not a key of refs:")
        return self

    @field_validator("languages")
    @classmethod
    def _languages_unique(cls, value):
        if len(set(value)) != len(value):
            raise ValueError("a language is named twice")
        return value


FACT_GROUPS = {("dates",), ("periods",), ("refs",), ("amounts",)}


def _as_key(typed: str) -> str:
    """A key as the rules spell it: ``first_set`` -> ``first-set``.

    >>> _as_key("First_Set"), _as_key("2nd note")
    ('first-set', '2nd-note')
    """
    return "-".join(part for part in re.split(r"[^a-z0-9]+", typed.lower()) if part) or "deadline"


def unfilled_texts(spec: NoteSpec) -> list[SpecError]:
    """The spec's texts that still say TODO (a reply spec's, a sample's): each one line, so that no note goes
    out with a placeholder in it.

    >>> [str(e) for e in unfilled_texts(NoteSpec(number="1", date="2026-03-10", recipients=[],
    ...     purpose={"en": "TODO: what follows", "ru": "сообщить"}))]
    ['<spec>:1: purpose.en: the text still says TODO (write what the note says in its place)']
    """
    texts = [("purpose", spec.purpose), ("continuation", spec.continuation), ("opening.clause", spec.opening_clause),
             ("subject", spec.subject), ("heading", spec.heading)]
    texts += [(f"paragraphs[{i}]", paragraph) for i, paragraph in enumerate(spec.paragraphs)]
    if isinstance(spec.enclosures, list):
        texts += [(f"enclosures[{i}].title", item.title) for i, item in enumerate(spec.enclosures)]
    if spec.agenda:
        texts += [("agenda.title", spec.agenda.title)]
        texts += [(f"agenda.items[{i}]", item) for i, item in enumerate(spec.agenda.items)]
    return [SpecError("the text still says TODO", field=f"{name}.{lang}", hint="write what the note says in its place")
            for name, texts_of in texts if texts_of is not None
            for lang in spec.languages if any(str(text or "").lstrip().startswith(UNFILLED)
                                              for text in _as_list(getattr(texts_of, lang)))]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _pydantic_problem(error: dict) -> tuple[str, str]:
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown field", ""
    if kind == "missing":
        return "required field is missing", "add it; see notes/ for examples"
    if kind.startswith("literal_error"):
        return f"'{error.get('input')}' is not allowed", message.replace("Input should be ", "use ")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "a count is a whole number", "type it as digits, e.g. 11, without quotes or a leading zero"
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch" and error["loc"][-1:] == ("in_reply_to",):
        return (f"'{error.get('input')}' is not an incoming note's id",
                "ids read in-YEAR-N, e.g. in-2026-7; `verbale incoming list` shows them")
    if kind == "string_pattern_mismatch" and error.get("loc", ())[:1] in FACT_GROUPS and "[key]" in error["loc"]:
        typed = str(error.get("input"))
        return (f"'{typed}' is not a fact key", f"a fact key is lowercase letters, digits and hyphens, such as "
                f"'{_as_key(typed)}'; a text names it with underscores: {{{{ {error['loc'][0]}.{_as_key(typed).replace('-', '_')} }}}}")
    if kind == "string_pattern_mismatch" and "_" in str(error.get("ctx", {}).get("pattern", "")):
        return (f"'{error.get('input')}' is not a name of formulas.yaml",
                "names are lowercase letters, digits, hyphens and underscores")
    if kind == "string_pattern_mismatch":
        return f"'{error.get('input')}' is not a termbase key", "keys are lowercase letters, digits and hyphens"
    return message[0].lower() + message[1:], ""


def _fields_at(loc: tuple, top: type[BaseModel] | None = None) -> list[str]:
    """The field names allowed beside ``loc`` (for did-you-mean)."""
    model: type[BaseModel] | None = top or NoteSpec
    for part in loc[:-1]:
        if model is None or isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        annotation = getattr(info, "annotation", None)
        model = next((a for a in (annotation, *getattr(annotation, "__args__", ())) if isinstance(a, type)
                      and issubclass(a, BaseModel)), None)
        if model is None and annotation is not None:
            inner = [a for arg in getattr(annotation, "__args__", ()) for a in getattr(arg, "__args__", (arg,))]
            model = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return list(model.model_fields) if model else []


def _clean_loc(loc: tuple, data, top: type[BaseModel] | None = None) -> tuple:
    """The location of an error in the spec's terms: pydantic's union branch names (``int``,
    ``list[Enclosure]``) are dropped; keys of the data, list indexes and field names are kept."""
    kept: tuple = ()
    node = data
    for part in loc:
        in_data = isinstance(node, dict) and part in node or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if in_data or part in _fields_at(kept + (part,), top):
            kept += (part,)
            node = node[part] if in_data else None
    return kept


def validation_errors(exc: ValidationError, doc: YamlDoc, top: type[BaseModel] | None = None) -> list[SpecError]:
    """One located line per wrong field; ``top`` is the model validated (default: the spec)."""
    errors, seen = [], set()
    for error in exc.errors():
        loc = _clean_loc(error["loc"], doc.data, top)
        problem, hint = _pydantic_problem(error)
        if error["type"] == "extra_forbidden":
            allowed = _fields_at(loc, top)
            from difflib import get_close_matches  # only for a wrong name: difflib compiles a pattern at import
            near = get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"allowed here: {', '.join(allowed)}"
        field = dotted(loc) or "(spec)"
        if field in seen:  # a union reports each branch; one line per field is enough
            continue
        seen.add(field)
        errors.append(SpecError(problem, field=field, hint=hint, file=doc.file, line=doc.line_of(loc)))
    return sorted(errors, key=lambda e: e.line or 0)


class SpecProblems(NoteError):
    """Several problems in one spec, each its own line."""

    def __init__(self, errors: list[NoteError]):
        super().__init__(f"{len(errors)} problems", file=errors[0].file if errors else "")
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def parse_spec(doc: YamlDoc) -> NoteSpec:
    if not isinstance(doc.data, dict):
        raise SpecError(f"a spec is a mapping of fields, not a {type(doc.data).__name__}", field="(spec)",
                        hint="start from a spec in notes/", file=doc.file, line=1)
    data = dict(doc.data)
    if isinstance(data.get("number"), (int, float, bool)) and ("number",) in doc.typed:
        data["number"] = doc.typed[("number",)]  # the number as typed: 0624 stays 0624, 1e3 stays 1e3
    try:
        return NoteSpec.model_validate(data)
    except ValidationError as exc:
        raise SpecProblems(validation_errors(exc, doc)) from None


def read_spec(path: Path) -> tuple[NoteSpec, YamlDoc]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", field="(file)", file=str(path), line=1) from None
    doc = load_yaml_bytes(raw, str(path))
    return parse_spec(doc), doc
