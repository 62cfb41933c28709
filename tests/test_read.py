import datetime as dt
import json

import pytest

from eventwire.errors import ReadError
from eventwire.read import Failure, find_dateline, read_paths, read_text_article
from eventwire.read.files import decode


def test_dateline_muc_style():
    line = find_dateline("SAN SALVADOR, 3 JAN 90 -- [REPORT] THE ARCE BATTALION")
    assert line.place == "SAN SALVADOR"
    assert line.date == dt.date(1990, 1, 3)


def test_dateline_wire_agency():
    line = find_dateline("LIMA, 10 JAN 90 (EFE) -- Peruvian police said")
    assert line.date == dt.date(1990, 1, 10) and line.agency == "EFE"
    line = find_dateline("BAGHDAD (Reuters) - A rocket hit")
    assert line.place == "BAGHDAD" and line.date is None


@pytest.mark.parametrize("text, place", [
    ("GREENACRES, Fla. -- Officials say a woman killed her daughter.", "GREENACRES, Fla."),
    ("Shooting scene (Photo: KENS 5) UNIVERSAL CITY -- The teenager has died.", "UNIVERSAL CITY"),
    ("GENERIC STOCK IMAGE (Photo: Getty Images) BENTON, Ark. (KTHV) -- Benton police are", "BENTON, Ark."),
])
def test_local_us_datelines(text, place):
    assert find_dateline(text).place == place


def test_no_dateline_in_plain_prose():
    assert find_dateline("A rocket strike on a US-coalition base in Iraq has injured several.") is None
    assert find_dateline("Greenacres police (photo) said - a woman was shot.") is None


def test_dateline_gives_the_publication_date():
    article = read_text_article("LIMA, 10 JAN 90 (EFE) -- A BOMB EXPLODED.", "x")
    assert article.published == dt.date(1990, 1, 10)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_a_clear_error(text):
    with pytest.raises(ReadError, match="empty"):
        read_text_article(text, "x")


def test_binary_is_refused():
    with pytest.raises(ReadError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "img")


def test_latin1_is_decoded():
    assert "Bogotá" in decode("Bogotá police said".encode("latin-1"), "x")


def test_huge_article_is_refused():
    with pytest.raises(ReadError, match="over the limit"):
        read_text_article("word " * 1_100_000, "big")


def test_batch_goes_on_after_bad_articles(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Gunmen killed two people in Kabul.", "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    lines = tmp_path / "batch.jsonl"
    lines.write_text(
        "\n".join([json.dumps({"id": "a", "text": "A bomb exploded.", "published": "2020-01-02"}),
                   "{not json", json.dumps({"id": "c", "title": "no text"})]),
        "utf-8",
    )
    items = list(read_paths([str(good), str(empty), str(binary), str(lines)]))
    kinds = [(type(i).__name__, i.id) for i in items]
    assert kinds == [("Article", "good"), ("Failure", "empty"), ("Failure", "bin"),
                     ("Article", "a"), ("Failure", "batch:2"), ("Failure", "c")]
    assert items[3].published == dt.date(2020, 1, 2)
    assert all(i.reason for i in items if isinstance(i, Failure))


def test_broken_html_gives_text_or_clean_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Gunmen attacked a police station in Kano, killing three officers."
                    "<div><p>Unclosed <b>tags everywhere", "utf-8")
    (item,) = list(read_paths([str(page)]))
    assert "police station" in item.text
    hollow = tmp_path / "hollow.html"
    hollow.write_text("<html><body><script>alert(1)</script></body></html>", "utf-8")
    (item,) = list(read_paths([str(hollow)]))
    assert isinstance(item, Failure) and "empty" in item.reason


def test_dateline_with_region_and_long_agency():
    line = find_dateline("ROME (ITALY), 11 JAN 90 -- THE POPE SAID")
    assert (line.place, line.date) == ("ROME", dt.date(1990, 1, 11))
    line = find_dateline("BOGOTA, 10 MAR 89 (INRAVISION TELEVISION CADENA 1) -- [REPORT]")
    assert line.date == dt.date(1989, 3, 10) and line.agency.startswith("INRAVISION")
    line = find_dateline("PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT]")
    assert line.date == dt.date(1989, 6, 11)


def test_dateline_after_a_headline_and_byline():
    text = "Sheriff: brothers were cooking before the shooting\n\nBy A REPORTER\n\nHUDSON, Fla. (AP) - A 12-year-old"
    line = find_dateline(text)
    assert line.place == "HUDSON, Fla." and line.agency == "AP"
    assert text[line.place_span[0] : line.place_span[1]] == "HUDSON, Fla."
    assert find_dateline("Officials said on Monday: nothing.\n\nThe attack - reported later - was small.") is None


def test_a_web_pages_bare_dateline_after_its_teaser():
    """A capitalised town and a dash opening a later paragraph of mixed-case copy is the
    dateline; a capitalised paragraph opening of upper-case wire copy is not."""
    text = ("Having trouble viewing the video? Try disabling any ad blocking extensions.\n\n"
            "SALT LAKE CITY \u2014 A man who police say shot his son had a history of violence.")
    line = find_dateline(text)
    assert line.place == "SALT LAKE CITY" and line.agency is None
    assert text[line.place_span[0] : line.place_span[1]] == "SALT LAKE CITY"
    assert find_dateline("[TEXT] THE ARMY REPORTED AN ATTACK.\n\nPOLICE SOURCES -- THE ATTACK KILLED TWO.") is None
    assert find_dateline("Police said two men were shot.\n\nUpdate - the victims were released.") is None


GALLERY = (
    "Boy dies in shooting\n\nPhoto: Pro 21 Video Image 1 of / 6 Caption Close Image 1 of 6 A child was "
    "shot at a residence. Photo: Cody Duty Image 8 of 8 4-year-old who accidentally shot himself dies "
    "1 / 8 Back to Gallery\n\nA 4-year-old boy who shot himself at his grandparents' home has died."
)


def test_gallery_clutter_is_blanked_in_place():
    from eventwire.read.clutter import tidy

    tidied = tidy(GALLERY)
    assert len(tidied) == len(GALLERY)
    for clutter in ("Image", "Pro 21", "Caption Close", "8 of 8", "1 / 8", "Back to Gallery"):
        assert clutter not in tidied
    # the story itself, offsets and all, is untouched
    start = GALLERY.index("A child was shot")
    assert tidied[start : start + 27] == GALLERY[start : start + 27]
    assert tidied.endswith("has died.")


def test_gallery_counters_are_no_tolls():
    from eventwire.extract import extract_text

    result = extract_text(GALLERY, dt.date(2016, 1, 21))
    assert result.article.text == GALLERY  # the result keeps the article as read
    assert [e.killed for e in result.events if e.killed] and all(
        e.killed.min == 1 and e.killed.max == 1 for e in result.events if e.killed
    )
