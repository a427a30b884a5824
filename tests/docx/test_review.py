"""Reviewers: the cross-language fact check, the lint, and the findings in the review document."""
from __future__ import annotations

import pytest

from conftest import NOTES, docx_paragraphs
from verbale.cli.generate import main

BASE = {"en": "forward Revision 4 of the draft Declaration of the Sixth Meeting (document MM/2021/DRAFT/3/Rev.4) "
              "discussed on 22 September at 14:00",
        "ru": "препроводить Ревизию № 4 проекта Декларации шестой встречи (MM/2021/DRAFT/3/Rev.4), обсужденного "
              "22 сентября в 14:00",
        "kk": "22 қыркүйекте сағат 14.00-те талқыланған 6-кездесу декларациясы жобасының 4-нұсқасын "
              "(құжат № MM/2021/DRAFT/3/Rev.4) жолдауды"}


def run(capsys, *args):
    status = main([str(a) for a in args])
    captured = capsys.readouterr()
    return status, captured.err.splitlines()


def with_change(lang: str, old: str, new: str) -> dict:
    assert old in BASE[lang]
    return {**BASE, lang: BASE[lang].replace(old, new)}


def test_a_consistent_spec_passes_the_check(tmp_path, write_spec, capsys):
    status, lines = run(capsys, write_spec(purpose=BASE), "--check")
    assert (status, lines) == (0, [])


def test_the_seed_notes_agree(capsys):
    status, lines = run(capsys, NOTES, "--check", "--strict")
    assert (status, lines) == (0, [])


@pytest.mark.parametrize("lang, old, new, fact, having, lacking", [
    ("en", "Revision 4", "Revision 5", "number 4", "ru, kk", "en"),
    ("ru", "шестой", "седьмой", "number 6", "en, kk", "ru"),
    ("kk", "6-кездесу", "алтыншы кездесу", None, None, None),           # words and figures agree
    ("kk", "6-кездесу", "жетінші кездесу", "number 6", "en, ru", "kk"),
    ("en", "Sixth", "Seventh", "number 6", "ru, kk", "en"),
    ("kk", "4-нұсқасын", "4-ші нұсқасын", None, None, None),            # a lint matter, not a disagreement
    ("ru", "MM/2021/DRAFT/3/Rev.4", "MM/2021/DRAFT/3/Rev.5", "symbol MM/2021/DRAFT/3/Rev.4", "en, kk", "ru"),
    ("en", "22 September", "23 September", "date 22.09", "ru, kk", "en"),
    ("kk", "14.00-те", "15.00-те", "time 14:00", "en, ru", "kk"),
    ("ru", "шестой", "шестого", None, None, None),                       # another case, the same number
])
def test_each_kind_of_disagreement_is_one_line(tmp_path, write_spec, capsys, lang, old, new, fact, having, lacking):
    spec = write_spec(purpose=with_change(lang, old, new))
    status, lines = run(capsys, spec, "--check")
    disagreements = [l for l in lines if "languages disagree" in l]
    if fact is None:
        assert status == 0 and disagreements == []
        return
    assert status == 1
    purpose_line = next(i for i, l in enumerate(spec.read_text().splitlines(), 1) if l.strip().startswith(f"{lacking}:"))
    expected = (f"{spec}:{purpose_line}: purpose: languages disagree: {fact} is in {having} but not in {lacking} "
                f"(check the {dict(en='English', ru='Russian', kk='Kazakh')[lacking]} text) [warning]")
    assert expected in disagreements


def test_generation_warns_and_writes_strict_fails(tmp_path, write_spec, capsys):
    spec = write_spec(purpose=with_change("en", "Revision 4", "Revision 5"))
    out = tmp_path / "out"
    status, lines = run(capsys, spec, "-o", out)
    assert status == 0 and any("languages disagree" in l for l in lines)
    assert (out / "note.en.docx").exists()
    review = [t for _, t in docx_paragraphs(out / "note.review.docx")]
    assert any("languages disagree: number 4 is in ru, kk but not in en" in t for t in review)
    status, lines = run(capsys, spec, "-o", tmp_path / "strict", "--strict")
    assert status == 1 and not (tmp_path / "strict").exists()
    assert all(l.endswith("[--strict]") for l in lines)


def test_review_document_says_when_all_facts_agree(sample_out):
    review = [t for _, t in docx_paragraphs(sample_out / "17-1-624.review.docx")]
    assert "All facts agree across the language versions." in review
    assert "No typing slips found." in review


@pytest.mark.parametrize("lang, text, words", [
    ("ru", "до 2 июня 2021г. в 14:00", "2021г.: a no-break space goes before «г.» (2021 г.)"),
    ("ru", "по времени г.Нур-Султан", "г.Нур-Султан: a space goes after «г.» (г. Нур-Султан)"),
    ("ru", "до 2 июня 2021 в 14:00", "2 июня 2021: a year in a date takes «г.» (2 июня 2021 г.)"),
    ("kk", "6-ші кездесу", "6-ші: the 2021 orthography writes the figure and a hyphen before the noun"),
    ("kk", "сағат 14.00-де", "14.00-де: «төрт» is read last, so the suffix is -те (14.00-те)"),
    ("kk", "сағат 12.40-да", "12.40-да: «қырық» is read last, so the suffix is -та (12.40-та)"),
    ("en", "forward  the draft", "'d  t': two spaces in a row (one is enough)"),
    ("en", 'the "draft" and the “final” text', '": straight and typographic quotes are mixed'),
    ("ru", "документ (ММ/2021/DRAFT/3)", "ММ/2021/DRAFT/3: Cyrillic letters in a Latin document symbol"),
    ("en", "at 14:00 (GMT +6 hours)", "GMT +6: GMT and its offset are written together (GMT+6)"),
])
def test_lint_warnings(tmp_path, write_spec, capsys, lang, text, words):
    spec = write_spec(purpose={lang: text}, languages=[lang])
    status, lines = run(capsys, spec, "--check")
    assert status == 0, "lint warnings do not fail a check"
    assert any(f"purpose.{lang}: {words}" in l and l.endswith("[warning]") for l in lines), lines
    status, lines = run(capsys, spec, "--check", "--strict")
    assert status == 1


@pytest.mark.parametrize("lang, text", [("kk", "сағат 14.00-те"), ("kk", "6-кездесу"), ("ru", "2 июня 2021 г."),
                                        ("ru", "г. Астана"), ("en", "the “final” text")])
def test_correct_text_has_no_lint(tmp_path, write_spec, capsys, lang, text):
    assert run(capsys, write_spec(purpose={lang: text}, languages=[lang]), "--check", "--strict") == (0, [])


def test_generated_facts_agree_by_construction(tmp_path, write_spec):
    """Dates, times, zones and page counts come from one field of the spec into every language."""
    from verbale.build import build

    built = build(write_spec(purpose={"en": "meet {{ meeting.when }}", "ru": "встреча {{ meeting.when }}",
                                      "kk": "{{ meeting.when }} кездесуді"}, enclosures=7))
    assert built.disagreements == []
    from docx import Document
    import io

    texts = {name: " ".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
             for name, data in built.files.items() if name.count(".") == 2 and "review" not in name}
    for text in texts.values():
        assert "24\u00a0" in text and "14" in text and "GMT+6" in text and "7\u00a0" in text


def test_lint_names_the_field_and_line_of_the_slip(tmp_path, write_spec, capsys):
    spec = write_spec(purpose={"kk": "жолдауды"}, continuation={"kk": "Отырыс сағат 14.00-де басталады."},
                      paragraphs=[{"kk": "Бұл 6-ші кездесу."}], languages=["kk"])
    lines = run(capsys, spec, "--check")[1]
    text = spec.read_text(encoding="utf-8").splitlines()
    by_field = {l.split(": ")[1]: int(l.split(":")[1]) for l in lines}
    assert set(by_field) == {"continuation.kk", "paragraphs[0].kk"}
    assert "14.00-де" in text[by_field["continuation.kk"] - 1] and "6-ші" in text[by_field["paragraphs[0].kk"] - 1]
