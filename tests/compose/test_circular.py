"""A circular: one note per member state's foreign ministry, each in three languages, with the right forms."""
from __future__ import annotations

import pytest

from conftest import NOTES, docx_paragraphs
from verbale.facts.termbase import Termbase

MEMBERS = Termbase().members("cica-member-states-mfa")


def body(sample_out, recipient: str, lang: str) -> list[str]:
    return [t for s, t in docx_paragraphs(sample_out / f"circular-soc-2026.{recipient}.{lang}.docx") if s == "Note Body"]


def test_every_member_gets_every_file(sample_out):
    assert len(MEMBERS) == 28
    written = {p.name for p in sample_out.glob("circular-soc-2026.*")}
    assert written == {f"circular-soc-2026.{m}{suffix}" for m in MEMBERS
                       for suffix in (".en.docx", ".ru.docx", ".kk.docx", ".docx", ".review.docx")}


@pytest.mark.parametrize("recipient, en, ru, kk, address_kk", [
    ("mfa-korea", "the Ministry of Foreign Affairs of the Republic of Korea",
     "Министерству иностранных дел Республики Корея", "Корея Республикасының Сыртқы істер министрлігіне",
     "КОРЕЯ РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ СЕУЛ"),
    ("mfa-india", "the Ministry of External Affairs of the Republic of India",
     "Министерству иностранных дел Республики Индия", "Үндістан Республикасының Сыртқы істер министрлігіне",
     "ҮНДІСТАН РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ НЬЮ-ДЕЛИ"),
    ("mfa-russia", "the Ministry of Foreign Affairs of the Russian Federation",
     "Министерству иностранных дел Российской Федерации", "Ресей Федерациясының Сыртқы істер министрлігіне",
     "РЕСЕЙ ФЕДЕРАЦИЯСЫНЫҢ СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ МӘСКЕУ"),
    ("mfa-jordan", "the Ministry of Foreign Affairs and Expatriates of the Hashemite Kingdom of Jordan",
     "Министерству иностранных дел и по делам эмигрантов Иорданского Хашимитского Королевства",
     "Иордания Хашимит Корольдігінің Сыртқы істер және эмигранттар істері министрлігіне",
     "ИОРДАНИЯ ХАШИМИТ КОРОЛЬДІГІНІҢ СЫРТҚЫ ІСТЕР ЖӘНЕ ЭМИГРАНТТАР ІСТЕРІ МИНИСТРЛІГІ АММАН"),
    ("mfa-turkiye", "the Ministry of Foreign Affairs of the Republic of Türkiye",
     "Министерству иностранных дел Турецкой Республики", "Түркия Республикасының Сыртқы істер министрлігіне",
     "ТҮРКИЯ РЕСПУБЛИКАСЫНЫҢ СЫРТҚЫ ІСТЕР МИНИСТРЛІГІ АНКАРА"),
])
def test_recipient_forms_in_every_language(sample_out, recipient, en, ru, kk, address_kk):
    assert f"presents its compliments to {en} and has the honour" in body(sample_out, recipient, "en")[0]
    assert f"renew to {en} the assurances" in body(sample_out, recipient, "en")[-1]
    assert f"свидетельствует свое уважение {ru} и имеет честь" in body(sample_out, recipient, "ru")[0]
    assert f"возобновить {ru} уверения" in body(sample_out, recipient, "ru")[-1]
    assert f"Хатшылығы {kk} өзінің зор ілтипатын білдіре отырып" in body(sample_out, recipient, "kk")[0]
    addressee = [t for s, t in docx_paragraphs(sample_out / f"circular-soc-2026.{recipient}.kk.docx")
                 if s == "Note Addressee"]
    assert addressee == [address_kk]


def test_turkiye_before_the_un_name_change(tmp_path, write_spec, capsys):
    """The UN uses «Türkiye» from 1 June 2022; a note of May 2022 says «the Republic of Turkey»."""
    from verbale.cli.generate import main

    spec = write_spec(recipients=["mfa-turkiye"], date="2022-05-31")
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 0
    text = " ".join(t for _, t in docx_paragraphs(tmp_path / "out" / "note.en.docx"))
    assert "the Ministry of Foreign Affairs of the Republic of Turkey" in text
    assert "OF THE REPUBLIC OF TURKEY" in text
