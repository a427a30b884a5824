"""Workspaces (NOTE-SPEC §5): an office's own termbase over the built-in one, and its defaults."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, docx_paragraphs, spec_yaml
from verbale.build import build
from verbale.cli.generate import main as generate
from verbale.errors import NoteError, TermbaseError
from verbale.facts.termbase import LOCALES_DIR, Termbase
from verbale.facts.workspace import find_workspace, load_workspace

EXAMPLES = ROOT / "examples"


def bodies(built, name: str) -> list[str]:
    """The body paragraphs of one output file of a build."""
    import io

    from docx import Document

    document = Document(io.BytesIO(built.files[name]))
    return [" ".join(p.text.replace("\u00a0", " ").split()) for p in document.paragraphs
            if p.style.name == "Note Body"]


# (spec, language, the opening and closing paragraphs as written out) -- NOTE-SPEC §2 formulas, §5 roles
EXAMPLE_NOTES = [
    ("mission/notes/to-ministry.yaml", "en",
     "The Permanent Mission of the Republic of Kazakhstan to the International Organizations in Vienna presents its "
     "compliments to the Federal Ministry for European and International Affairs of the Republic of Austria and has "
     "the honour to inform that the Permanent Representative will be absent from Vienna from 18 to 22 March 2024.",
     "The Permanent Mission avails itself of this opportunity to renew to the Federal Ministry for European and "
     "International Affairs of the Republic of Austria the assurances of its highest consideration."),
    ("mission/notes/to-ministry.yaml", "ru",
     "Постоянное представительство Республики Казахстан при международных организациях в Вене свидетельствует свое "
     "уважение Федеральному министерству европейских и международных дел Австрийской Республики и имеет честь "
     "сообщить, что Постоянный представитель будет отсутствовать в Вене с 18 по 22 марта 2024 г.",
     "Постоянное представительство пользуется случаем, чтобы возобновить Федеральному министерству европейских и "
     "международных дел Австрийской Республики уверения в своем весьма высоком уважении."),
    ("mission/notes/to-ministry.yaml", "kk",
     "Қазақстан Республикасының Венадағы халықаралық ұйымдар жанындағы Тұрақты өкілдігі Австрия Республикасының "
     "Еуропа және халықаралық істер федералдық министрлігіне өзінің зор ілтипатын білдіре отырып, Тұрақты өкілдің "
     "2024 жылғы 18–22 наурыз аралығында Венада болмайтынын хабарлауды өзіне мәртебе санайды.",
     "Тұрақты өкілдік осы мүмкіндікті пайдалана отырып, Австрия Республикасының Еуропа және халықаралық істер "
     "федералдық министрлігіне өзінің зор ілтипатын тағы да растайды."),
    # the same two entries the other way round: each is a sender and a recipient
    ("mission/notes/from-ministry.yaml", "en",
     "The Federal Ministry for European and International Affairs of the Republic of Austria presents its compliments "
     "to the Permanent Mission of the Republic of Kazakhstan to the International Organizations in Vienna and has the "
     "honour to acknowledge receipt of its Note No. 08-2/117 of 12 March 2024.",
     "The Federal Ministry avails itself of this opportunity to renew to the Permanent Mission of the Republic of "
     "Kazakhstan to the International Organizations in Vienna the assurances of its highest consideration."),
    ("mission/notes/from-ministry.yaml", "ru",
     "Федеральное министерство европейских и международных дел Австрийской Республики свидетельствует свое уважение "
     "Постоянному представительству Республики Казахстан при международных организациях в Вене и имеет честь "
     "подтвердить получение его ноты № 08-2/117 от 12 марта 2024 г.",
     "Федеральное министерство пользуется случаем, чтобы возобновить Постоянному представительству Республики "
     "Казахстан при международных организациях в Вене уверения в своем весьма высоком уважении."),
    ("mission/notes/from-ministry.yaml", "kk",
     "Австрия Республикасының Еуропа және халықаралық істер федералдық министрлігі Қазақстан Республикасының "
     "Венадағы халықаралық ұйымдар жанындағы Тұрақты өкілдігіне өзінің зор ілтипатын білдіре отырып, оның 2024 жылғы "
     "12 наурыздағы № 08-2/117 нотасын алғанын растауды өзіне мәртебе санайды.",
     "Федералдық министрлік осы мүмкіндікті пайдалана отырып, Қазақстан Республикасының Венадағы халықаралық "
     "ұйымдар жанындағы Тұрақты өкілдігіне өзінің зор ілтипатын тағы да растайды."),
    # a person as sender: "his ... himself ... his" in English (NOTE-SPEC §5); Russian «свое», Kazakh «өзінің»
    # are reflexive and do not change with gender
    ("ambassador/notes/new-counsellor.yaml", "en",
     "The Ambassador of the Republic of Kazakhstan to the Kingdom of Thailand presents his compliments to the Ministry "
     "of Foreign Affairs of the Kingdom of Thailand and has the honour to inform that Ms Aigerim Seitkazieva, "
     "Counsellor of the Embassy, has assumed her duties on 15 May 2024.",   # issue #23: a long title after the name
     "The Ambassador avails himself of this opportunity to renew to the Ministry of Foreign Affairs of the Kingdom of "
     "Thailand the assurances of his highest consideration."),
    ("ambassador/notes/new-counsellor.yaml", "ru",
     "Посол Республики Казахстан в Королевстве Таиланд свидетельствует свое уважение Министерству иностранных дел "
     "Королевства Таиланд и имеет честь сообщить, что советник Посольства Айгерим Сейтказиева приступила к исполнению "
     "своих обязанностей 15 мая 2024 г.",
     "Посол пользуется случаем, чтобы возобновить Министерству иностранных дел Королевства Таиланд уверения в своем "
     "весьма высоком уважении."),
    ("ambassador/notes/new-counsellor.yaml", "kk",
     "Қазақстан Республикасының Тайланд Корольдігіндегі Елшісі Тайланд Корольдігінің Сыртқы істер министрлігіне "
     "өзінің зор ілтипатын білдіре отырып, 2024 жылғы 15 мамырда Елшіліктің кеңесшісі Айгерім Сейтқазиева өз "
     "міндеттерін атқаруға кіріскенін хабарлауды өзіне мәртебе санайды.",
     "Елші осы мүмкіндікті пайдалана отырып, Тайланд Корольдігінің Сыртқы істер министрлігіне өзінің зор ілтипатын "
     "тағы да растайды."),
]


@pytest.mark.parametrize("spec, lang, opening, closing", EXAMPLE_NOTES, ids=lambda v: str(v)[:24])
def test_example_workspaces_give_the_notes_of_their_office(spec, lang, opening, closing):
    built = build(EXAMPLES / spec)
    text = bodies(built, f"{Path(spec).stem}.{lang}.docx")
    assert text[0] == opening
    assert text[-1] == closing


# a person named in a text: Russian cases by petrovich (name) and pymorphy3 (position), Kazakh by suffix
PERSON_IN_TEXT = [
    ("ru", "Посольство будет признательно за аккредитацию советника Посольства Айгерим Сейтказиевой."),
    ("kk", "Елшілік Елшіліктің кеңесшісі Айгерім Сейтқазиеваны аккредиттеуге ризашылық білдіреді."),
    ("en", "The Embassy would be grateful for the accreditation of Aigerim Seitkazieva."),
]


@pytest.mark.parametrize("lang, paragraph", PERSON_IN_TEXT)
def test_a_person_takes_cases_in_texts(lang, paragraph):
    built = build(EXAMPLES / "ambassador/notes/new-counsellor.yaml")
    assert bodies(built, f"new-counsellor.{lang}.docx")[1] == paragraph


@pytest.fixture
def office(tmp_path):
    """A copy of the mission's workspace, to change."""
    root = tmp_path / "office"
    shutil.copytree(EXAMPLES / "mission", root)
    return root


def test_defaults_come_from_verbale_yaml_and_a_spec_overrides_them(office):
    built = build(office / "notes" / "to-ministry.yaml")
    assert built.notes == 1 and "to-ministry.kk.docx" in built.files
    (office / "notes" / "ru-only.yaml").write_text(spec_yaml(sender="mfa-austria", place="vienna",
                                                             recipients=["kz-mission-vienna"], meeting=None,
                                                             languages=["ru"], purpose={"ru": "сообщить"}),
                                                   encoding="utf-8")
    built = build(office / "notes" / "ru-only.yaml")
    assert sorted(built.files) == ["ru-only.docx", "ru-only.review.docx", "ru-only.ru.docx"]


def test_a_spec_without_sender_and_no_default_names_the_field(tmp_path):
    spec = tmp_path / "note.yaml"
    spec.write_text(spec_yaml(sender=None), encoding="utf-8")
    with pytest.raises(NoteError) as caught:
        build(spec)
    assert str(caught.value).endswith("sender: required field is missing (add `sender:` to the spec, or a default "
                                      "`sender:` to verbale.yaml of its workspace)")


def test_unknown_key_says_where_to_add_it(office, monkeypatch, capsys):
    spec = office / "notes" / "x.yaml"
    spec.write_text("number: 1\ndate: 2024-03-12\n\nrecipients: [mfa-fr]\npurpose: {en: a, ru: b, kk: c}\n",
                    encoding="utf-8")
    monkeypatch.chdir(office)
    assert generate(["notes/x.yaml", "-o", "out", "--check"]) == 1
    line = capsys.readouterr().err.strip()
    assert line == ("notes/x.yaml:4: recipients[0]: unknown key 'mfa-fr' (add it to termbase/en/terms.yaml of the "
                    "workspace in ./; `verbale terms check` lists what each entry still lacks)")
    spec.write_text(spec.read_text(encoding="utf-8").replace("mfa-fr", "mfa-austira"), encoding="utf-8")
    assert generate(["notes/x.yaml", "-o", "out", "--check"]) == 1
    assert "unknown key 'mfa-austira' (did you mean mfa-austria? otherwise add it to" in capsys.readouterr().err


def test_workspace_entry_replaces_the_builtin_one_whole(office):
    (office / "termbase" / "en" / "places.yaml").write_text("vienna: {nom: Wien, line: Wien, time: Vienna time}\n",
                                                           encoding="utf-8")
    termbase = load_workspace(office).termbase
    assert str(termbase.term("vienna", "en")) == "Wien"
    assert termbase.kind("vienna") is None      # the built-in neutral entry is gone with the rest
    with pytest.raises(TermbaseError, match="'vienna' has no ru names"):
        termbase.term("vienna", "ru")
    assert str(Termbase().term("vienna", "en")) == "Vienna"   # the built-in termbase is untouched


def test_several_roles_and_wrong_kind(office):
    termbase = load_workspace(office).termbase
    for kinds in [("sender",), ("recipient",)]:
        termbase.require("mfa-austria", kinds, "sender")
    with pytest.raises(TermbaseError, match=r"'mfa-austria' is a sender and a recipient, not a place \(its kind is "
                                            r"set in .*terms.yaml:4"):
        termbase.require("mfa-austria", ("place",), "place")


def test_workspace_option_overrides_the_search(office, tmp_path, capsys):
    elsewhere = tmp_path / "specs"
    elsewhere.mkdir()
    shutil.copy(office / "notes" / "to-ministry.yaml", elsewhere)
    assert generate([str(elsewhere), "-o", str(tmp_path / "out"), "--check"]) == 1   # no workspace: no defaults
    assert "sender: required field is missing" in capsys.readouterr().err
    assert generate([str(elsewhere), "-o", str(tmp_path / "out"), "--workspace", str(office)]) == 0
    assert generate([str(elsewhere), "--workspace", str(tmp_path)]) == 2
    assert "no verbale.yaml in" in capsys.readouterr().err


@pytest.mark.parametrize("config, line, field, problem", [
    ("sender: kz-mission-vienna\nlanguages: [de]\n", 2, "languages[0]", "'de' is not allowed"),
    ("sender: kz-mission-vienna\nsendr: x\n", 2, "sendr", "unknown field (did you mean 'sender'?)"),
    ("sender: [a\n", 2, "(yaml)", "YAML syntax error"),
])
def test_a_bad_verbale_yaml_is_a_located_line(office, config, line, field, problem):
    (office / "verbale.yaml").write_text(config, encoding="utf-8")
    with pytest.raises(NoteError) as caught:
        build(office / "notes" / "to-ministry.yaml")
    assert f"verbale.yaml:{line}: {field}: {problem}" in str(caught.value)


def test_found_from_the_spec_folder_upward_and_cached(office):
    first = find_workspace(office / "notes" / "to-ministry.yaml")
    assert first.root == office.resolve() and first.config["place"] == "vienna"
    assert find_workspace(office / "notes" / "from-ministry.yaml") is first
    (office / "verbale.yaml").write_text("place: vienna\n", encoding="utf-8")
    assert find_workspace(office / "notes" / "to-ministry.yaml").config == {"place": "vienna"}



def test_an_edit_of_the_same_size_within_one_tick_of_the_clock_is_read(office, monkeypatch):
    """The workspace is read again when its files change (the desk runs for days); an edit that keeps the size
    and lands within the file system's time stamp (2 s on FAT and some shares; held still here) is read too."""
    import os

    import verbale.files

    monkeypatch.setattr(verbale.files, "RACY_SECONDS", 3600.0)   # however slow the machine, the time is "recent"
    places = office / "termbase" / "en" / "places.yaml"
    places.write_text("vienna: {nom: Wien, line: Wien, time: Vienna time}\n", encoding="utf-8")
    tick = places.stat().st_mtime_ns
    assert str(load_workspace(office).termbase.term("vienna", "en")) == "Wien"
    places.write_text("vienna: {nom: Wean, line: Wien, time: Vienna time}\n", encoding="utf-8")
    os.utime(places, ns=(tick, tick))
    assert str(load_workspace(office).termbase.term("vienna", "en")) == "Wean"
    monkeypatch.setattr(verbale.files, "RACY_SECONDS", 0.0)      # an old time: the time and the size tell
    assert str(load_workspace(office).termbase.term("vienna", "en")) == "Wean"

@pytest.mark.parametrize("gender, its, itself", [("m", "his", "himself"), ("f", "her", "herself"),
                                                  (None, "its", "itself")])
def test_pronouns_of_a_sender_come_from_the_pronoun_table(tmp_path, gender, its, itself):
    root = tmp_path / "termbase"
    (root / "en").mkdir(parents=True)
    (root / "terms.yaml").write_text(f"envoy: {{kind: [sender, person], gender: {gender or 'null'}}}\n",
                                     encoding="utf-8")
    (root / "en" / "terms.yaml").write_text("envoy: {nom: The Envoy, short: The Envoy, letterhead: [ENVOY]}\n",
                                            encoding="utf-8")
    term = Termbase(roots=[LOCALES_DIR, root]).term("envoy", "en", dt.date(2024, 1, 1))
    assert (term.its, term.itself) == (its, itself)


def test_the_house_of_verbale_yaml_reaches_the_notes(office):
    config = office / "verbale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "house: {date_order: month-day}\n", encoding="utf-8")
    import io

    from docx import Document

    built = build(office / "notes" / "to-ministry.yaml")
    texts = [p.text.replace("\u00a0", " ") for p in Document(io.BytesIO(built.files["to-ministry.en.docx"])).paragraphs]
    assert "Vienna, March 12, 2024" in texts
