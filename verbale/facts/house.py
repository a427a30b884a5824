"""House conventions (NOTE-SPEC §7): how one office writes its notes, and where each convention comes from.

The model lives with the facts, not with ``compose``: the spec (``facts/spec.py``) validates its own
``house:`` with it, and the termbase's and the workspace's ``house:`` are checked by the same model, so
every layer gives the same error for the same slip.  Composing only reads the resolved :class:`House`.

Resolution, key by key: the spec's ``house:`` > the sender's termbase entry ``house:`` > the workspace's
``verbale.yaml`` ``house:`` > the defaults below.  A per-language value (``number_label: {en: "No."}``)
merges language by language, so a spec may change the Russian label alone.

>>> house = resolve_house({"year_word": "long"}, {"number_label": {"en": "No."}}, {"year_word": "short"})
>>> house.year_word, house.label("en"), house.label("ru"), house.date_options()
('long', 'No.', '№', {'date_order': 'day-month', 'year_word': 'long'})
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import NoteError, SpecError, TermbaseError

Lang = Literal["en", "ru", "kk"]
PerLanguage = dict[Lang, str]
CLOSINGS = ("highest", "high", "none")
DEFAULT_LABEL = "№"
MARK_NAME = r"^[a-z][a-z0-9-]*$"   # a named mark of formulas.yaml (`restriction: official-use`)


class Executor(BaseModel):
    """The executor mark (GOST R 7.0.97: «отметка об исполнителе»): who prepared the note and their telephone,
    printed in small type at the foot of the last page (NOTE-SPEC §12)."""

    model_config = ConfigDict(extra="forbid", title="Executor mark")
    name: PerLanguage | Annotated[str, Field(min_length=1, max_length=120)] = Field(
        description="the executor's name, one for every language or one per language",
        examples=["A. Seitkali", {"en": "A. Seitkali", "ru": "Сейткали А.", "kk": "Сейтқали А."}])
    phone: Annotated[str, Field(max_length=60)] = Field("", description="the executor's telephone",
                                                      examples=["+7 7172 72 00 00"])

    def name_in(self, lang: str) -> str:
        return _for_language(self.name, lang, "")


class RefConvention(BaseModel):
    """How an office cites one kind of document (NOTE-SPEC §10)."""

    model_config = ConfigDict(extra="forbid")
    number_label: PerLanguage | str | None = Field(
        None, description="before a cited number of this kind: one label for every language, or one per language",
        examples=["N", {"ru": "N", "en": "No."}])


class House(BaseModel):
    """An office's conventions; every field has the v1 behaviour as its default."""

    model_config = ConfigDict(extra="forbid", title="House conventions")
    number_label: PerLanguage | str = Field(
        DEFAULT_LABEL, description='before the number: one label for every language, or one per language',
        examples=[{"en": "No.", "ru": "№", "kk": "№"}])
    number_suffix: PerLanguage | str = Field(
        "", description="after the number: an office's index that every number carries (a Russian "
        "department's '/дса')", examples=[{"ru": "/дса", "en": "/dsa"}])
    place_date: Literal["top", "bottom", "none"] = Field(
        "bottom", description="the place-and-date line: after the closing (bottom), under the number line (top), "
        "or none (the form the UN circulates)", examples=["top"])
    date_line: Literal["place-and-date", "date-only"] = Field(
        "place-and-date", description="date-only leaves the city out of the line: '15 декабря 2005 года'",
        examples=["date-only"])
    date_order: Literal["day-month", "month-day"] = Field(
        "day-month", description="English dates: 23 September 2021 | September 23, 2021",
        examples=["month-day"])
    year_word: Literal["short", "long"] = Field(
        "short", description="Russian dates: 23 сентября 2021 г. | 23 сентября 2021 года",
        examples=["long"])
    spelling: Literal["en-GB", "en-US"] = Field(
        "en-GB", description='English spelling and proofing language: en-US writes "has the honor"',
        examples=["en-US"])
    addressee: Literal["bottom", "top", "none"] = Field(
        "bottom", description="the addressee block: at the foot (bottom), above the text (top), or none",
        examples=["top"])
    subject_label: PerLanguage | str | None = Field(
        None, description='before the subject line: one label for every language, or one per language; "" prints '
        "the subject alone; default: the formulas' subject_label (Subject: / Тема: / Тақырыбы:)",
        examples=[{"en": "Re:"}, ""])
    enclosure_pages: bool = Field(
        True, description="false: the enclosures without page counts ('Encl.: as stated'); a titled "
        "enclosure's pages: may then be left out", examples=[False])
    enclosures_at: Literal["body", "foot"] = Field(
        "body", description="the enclosure notation: before the closing (body) or after the place-and-date line "
        "(foot)", examples=["foot"])
    currency: Literal["name", "symbol"] = Field(
        "name", description="sums of money: 50,000 US dollars / 50 000 долларов США (name) or US$ 50,000 / "
        "50 000 долл. США (symbol)", examples=["symbol"])
    refs: dict[str, RefConvention] = Field(
        {}, description="conventions per kind of document referred to: {note: {number_label: N}}",
        examples=[{"note": {"number_label": {"ru": "N"}}}])
    issuer: Literal["full", "short"] = Field(
        "full", description="a ref's issuer by its full name or its short name ('ноты Посольства N …')",
        examples=["short"])
    range_dash: Literal["en", "hyphen"] = Field(
        "en", description="between the ends of a range of days: an en dash (18–26 November) or a hyphen "
        "(18-26 November)", examples=["hyphen"])
    blank: str | None = Field(
        None, max_length=300, description="a .docx letterhead blank the notes are printed on (a path)",
        examples=["blanks/mission.docx"])
    # NOTE-SPEC §12: the verification mark and the registration marks
    qr: bool = Field(False, title="Verification code", description="a QR code at the foot of the last page "
                     "holding the number, date, sender and a fingerprint of the note's text, so that a copy can be "
                     "checked against the register later", examples=[True])
    executor: Executor | None = Field(None, description="the executor mark in small type at the foot of the last "
                                      "page", examples=[{"name": "A. Seitkali", "phone": "+7 7172 72 00 00"}])
    restriction: Annotated[str, Field(pattern=MARK_NAME, max_length=40)] | None = Field(
        None, description="a restriction mark under the number line: official-use, confidential, or a mark of the "
        "office's own formulas", examples=["official-use"])

    def label(self, lang: str) -> str:
        return _for_language(self.number_label, lang, DEFAULT_LABEL)

    def suffix(self, lang: str) -> str:
        return _for_language(self.number_suffix, lang, "")

    def ref_label(self, kind: str, lang: str) -> str | None:
        """The house's label before a cited number of ``kind`` in ``lang``, or None (the formulas' own)."""
        convention = self.refs.get(kind)
        if convention is None or convention.number_label is None:
            return None
        value = convention.number_label
        return value if isinstance(value, str) else value.get(lang)

    def subject(self, lang: str) -> str | None:
        """The house's subject label in ``lang``, or None (the formulas' own)."""
        value = self.subject_label
        return value if value is None or isinstance(value, str) else value.get(lang)

    def date_options(self) -> dict[str, str]:
        """The keyword options every grammar's ``format_date`` takes."""
        return {"date_order": self.date_order, "year_word": self.year_word}

    def fact_options(self) -> dict[str, str]:
        """The options the facts of a note follow (``compose.facts.fact_context``): the dates' and the spelling
        of English currency names."""
        return {**self.date_options(), "spelling": self.spelling}

    def proofing(self, lang: str) -> str | None:
        """The proofing language the house sets for ``lang``, if it sets one (English spelling)."""
        return self.spelling if lang == "en" else None


def _for_language(value, lang: str, default: str) -> str:
    return value if isinstance(value, str) else value.get(lang, default)


def merge_layers(*layers: Mapping | None) -> dict:
    """Layers from the most to the least specific, merged key by key; mappings merge one level down.

    >>> merge_layers({"number_label": {"ru": "N"}}, None, {"number_label": {"en": "No."}, "spelling": "en-US"})
    {'number_label': {'en': 'No.', 'ru': 'N'}, 'spelling': 'en-US'}
    >>> merge_layers({"number_label": "No."}, {"number_label": {"ru": "№"}})
    {'number_label': 'No.'}
    """
    merged: dict = {}
    for layer in reversed([layer for layer in layers if layer]):
        for key, value in layer.items():
            below = merged.get(key)
            merged[key] = {**below, **value} if isinstance(value, Mapping) and isinstance(below, Mapping) else value
    return merged


def _checked(layer, error: type[NoteError], where: str, field: str, hint: str) -> dict:
    """One layer's raw ``house:`` mapping, validated alone so a slip names the layer it is in.

    >>> try:
    ...     _checked({"place_date": "middle"}, SpecError, "verbale.yaml", "house", "fix it")
    ... except SpecError as exc:
    ...     print(exc.problem)
    verbale.yaml: house.place_date: 'middle' is not allowed (use 'top', 'bottom' or 'none')
    """
    if layer is None:
        return {}
    if not isinstance(layer, Mapping):
        raise error(f"{where}: house is a mapping of conventions, not a {type(layer).__name__}", field=field,
                    hint=hint)
    try:
        House.model_validate(layer)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(part) for part in ("house", *first["loc"]))
        if first["type"] == "extra_forbidden":
            raise error(f"{where}: {path}: unknown convention", field=field,
                        hint=f"conventions: {', '.join(House.model_fields)}") from None
        allowed = first["msg"].replace("Input should be ", "use ")
        raise error(f"{where}: {path}: '{first.get('input')}' is not allowed ({allowed})", field=field,
                    hint=hint) from None
    return dict(layer)


def resolve_house(spec_house: Mapping | None = None, sender_house: Mapping | None = None,
                  workspace_house: Mapping | None = None, *, sender: str = "") -> House:
    """The conventions in force for one note: spec > sender's termbase entry > workspace > defaults.

    The spec's layer is validated with the spec; the other two are checked here, each naming its place.
    """
    layers = [dict(spec_house or {}),
              _checked(sender_house, TermbaseError, f"the termbase entry '{sender}'", "sender",
                       "fix `house:` of the sender's entry in the termbase"),
              _checked(workspace_house, SpecError, "verbale.yaml", "house", "fix `house:` in verbale.yaml")]
    return House.model_validate(merge_layers(*layers))


def house_for(spec, termbase, workspace_config: Mapping | None = None) -> House:
    """The house of a spec: its own ``house:``, its sender's entry, the workspace's ``verbale.yaml``."""
    spec_house = spec.house.model_dump(exclude_unset=True) if spec.house is not None else None
    marks = {name: getattr(spec, name, None) for name in ("executor", "restriction")}
    marks = {name: value.model_dump() if isinstance(value, BaseModel) else value
             for name, value in marks.items() if value is not None}
    if marks:  # a spec's own registration marks win over every house
        spec_house = {**(spec_house or {}), **marks}
    sender_house = termbase.entries.get(spec.sender, {}).get("house")
    workspace_house = (workspace_config or {}).get("house")
    return resolve_house(spec_house, sender_house, workspace_house, sender=spec.sender)


def layer_of(name: str, spec, termbase, workspace_config: Mapping | None = None) -> str:
    """Which layer gives the convention ``name`` (as ``house_for`` resolves it): 'spec', 'sender', 'workspace'
    or '' (the default), so that a problem with its value names the file it is written in."""
    if spec.house is not None and name in spec.house.model_fields_set:
        return "spec"
    sender_house = termbase.entries.get(spec.sender, {}).get("house")
    if isinstance(sender_house, Mapping) and name in sender_house:
        return "sender"
    workspace_house = (workspace_config or {}).get("house")
    return "workspace" if isinstance(workspace_house, Mapping) and name in workspace_house else ""


def owed_closing(keys, entries: Mapping) -> str:
    """The closing a note's recipients are owed by their termbase entries (``closing: high``).

    One sentence addresses them all, so the most deferential owed wins; an entry that says nothing is owed
    the highest.  A variant of the office's own formulas (``closing: assurance``) is given where every recipient
    is owed it.

    >>> owed_closing(["a", "b"], {"a": {"closing": "high"}, "b": {}}), owed_closing(["a"], {"a": {"closing": "high"}})
    ('highest', 'high')
    >>> owed_closing(["a", "b"], {"a": {"closing": "warm"}, "b": {"closing": "warm"}})
    'warm'
    """
    owed = [entries.get(key, {}).get("closing") or "highest" for key in keys]
    if len(set(owed)) == 1:
        return owed[0]
    return next((closing for closing in CLOSINGS if closing in owed), "highest")


def closing_problem(key: str, entries: Mapping, known=CLOSINGS) -> TermbaseError | None:
    """A recipient's entry owed a closing that is no variant (``known``: the built-in ones and the office's)."""
    value = entries.get(key, {}).get("closing")
    if value is None or value in known:
        return None
    return TermbaseError(f"'{key}' is owed an unknown closing '{value}'", field=f"{key}.closing",
                         hint=f"use one of {', '.join(known)} in the termbase's entry, or add the variant under "
                              "`closing:` in the office's formulas.yaml")


def describe(house: House, spec) -> list[str]:
    """The conventions and variants a note follows where they differ from the defaults, one line each (for the
    review document, so a reviewer sees that «года», "honor" or a missing closing are chosen, not slips).

    >>> describe(House(date_order="month-day", spelling="en-US"), None)
    ['English dates: month-day (September 23, 2021)', 'English spelling: en-US ("honor"; proofing en-US)']
    """
    default = House()
    lines = []
    for name in ("number_label", "number_suffix"):
        value = getattr(house, name)
        if value != getattr(default, name):
            shown = value if isinstance(value, str) else ", ".join(f"{lang} {text}" for lang, text in value.items())
            lines.append(f"number {name.split('_')[1]}: {shown}")
    lines += [text for name, text in (
        ("place_date", "place and date: at the top, under the number line" if house.place_date == "top"
         else "place and date: none (no place-and-date line)"),
        ("addressee", f"addressee: {house.addressee}"),
        ("enclosure_pages", "enclosures: without page counts"),
        ("enclosures_at", "enclosures: at the foot, after the place and date"),
        ("currency", "sums of money: the currency's symbol (US$ 50,000; 50 000 долл. США)"),
        ("issuer", "a ref's issuer: its short name"),
        ("range_dash", "ranges of days: a hyphen (18-26 November)"),
        ("subject_label", f"subject label: {house.subject_label!r}"),
        ("date_line", "date line: the date alone, without the place"),
        ("date_order", "English dates: month-day (September 23, 2021)"),
        ("year_word", "Russian dates: «года» (23 сентября 2021 года)"),
        ("spelling", 'English spelling: en-US ("honor"; proofing en-US)'),
    ) if getattr(house, name) != getattr(default, name)]
    if house.refs:
        lines += [f"cited {kind}s: number label {convention.number_label!r}" for kind, convention in house.refs.items()
                  if convention.number_label is not None]
    if house.blank:
        lines.append(f"letterhead blank: {house.blank}")
    if house.qr:
        lines.append("verification mark: a QR code at the foot of the last page")
    if house.restriction:
        lines.append(f"restriction mark: {house.restriction}")
    if house.executor is not None:
        lines.append(f"executor mark: {house.executor.name_in('en') or house.executor.name_in('ru')}"
                     + (f", {house.executor.phone}" if house.executor.phone else ""))
    if spec is not None:
        lines += [text for present, text in (
            (not spec.printed_number, "number: none (no number line)"),
            (spec.opening_action == "plain", "opening: plain (the purpose carries its own verb)"),
            (spec.opening_action not in ("plain", "honour"), f"opening: {spec.opening_action}"),
            (spec.opening_clause is not None, "opening: a clause of the note's own"),
            (spec.reference is not None and spec.reference[1] != "default",
             f"with_reference_to: {spec.reference[1] if spec.reference else ''}"),
            (spec.compliments is False, "compliments: left out"),
            (spec.closing is not None, f"closing: {spec.closing}"),
        ) if present]
    return lines
