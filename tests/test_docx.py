"""The Word file read as XML: what an editor at a Chinese desk expects when opening it."""

from __future__ import annotations

import re
import zipfile

import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.render.docx_layout import column_widths

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def docx_xml(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx")
    result = CliRunner().invoke(cli, ["--month", "2025-11", "--out", str(out), "--format", "docx,md", "--offline"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out / "2025-11" / "article.docx") as z:
        return {name: z.read(name).decode("utf-8") for name in ("word/document.xml", "word/settings.xml",
                                                                 "word/styles.xml")}


def test_a4_with_chinese_default_margins(docx_xml):
    doc = docx_xml["word/document.xml"]
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"', doc)  # 21.0 × 29.7 cm in twips
    margins = re.search(r"<w:pgMar ([^>]*)/>", doc).group(1)
    values = dict(re.findall(r'w:(\w+)="(\d+)"', margins))
    assert values["top"] == values["bottom"] == "1440"  # 2.54 cm
    assert values["left"] == values["right"] == "1803"  # 3.18 cm


def test_tables_repeat_header_keep_rows_and_size_columns(docx_xml):
    doc = docx_xml["word/document.xml"]
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", doc, flags=re.S)
    assert len(tables) >= 3
    for table in tables:
        rows = re.findall(r"<w:tr[ >].*?</w:tr>", table, flags=re.S)
        assert "<w:tblHeader/>" in rows[0]
        assert all("<w:cantSplit/>" in row for row in rows)
        widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
        assert len(set(widths)) > 1, "every column has the same width"
        assert sum(widths) <= 8300 + len(widths)  # within the 14.64 cm text width (8,300 twips; rounding)


def test_toc_is_a_field_updated_on_open(docx_xml):
    doc = docx_xml["word/document.xml"]
    assert re.search(r"<w:instrText[^>]*>\s*TOC \\o", doc)
    assert doc.count('w:fldCharType="begin"') >= 1 and 'w:fldCharType="end"' in doc
    assert '<w:updateFields w:val="true"/>' in docx_xml["word/settings.xml"]


def test_headings_have_an_east_asian_font_and_no_theme_override(docx_xml):
    styles = docx_xml["word/styles.xml"]
    for style_id in ("Heading1", "Heading2", "Heading3"):
        block = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, flags=re.S).group(0)
        fonts = re.search(r"<w:rFonts [^>]*/>", block).group(0)
        assert 'w:eastAsia="Microsoft YaHei"' in fonts and "eastAsiaTheme" not in fonts


def test_pictures_keep_with_their_caption(docx_xml):
    doc = docx_xml["word/document.xml"]
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", doc, flags=re.S)
    pictures = [i for i, p in enumerate(paragraphs) if "<w:drawing>" in p]
    assert len(pictures) >= 7
    for i in pictures:
        assert "<w:keepNext/>" in paragraphs[i]
        assert re.search(r"<w:t>图\d+ ", paragraphs[i + 1])


def test_column_widths_follow_content():
    rows = [["公司", "国家/地区", "金额", "投资方"],
            ["Zephyrpath Labs", "美国", "313.80亿元", "Keystone Park Partners、Sandhill Row Partners、Northgate"]]
    widths = column_widths(rows)
    assert widths[1] < widths[0] < widths[3]
    assert widths[2] > widths[1]
