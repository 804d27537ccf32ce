"""The editor's loop: check Word/HTML/stdin, review, render an edited draft, the Python API."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from narrator.check.sources import read_bytes, read_source, read_text
from narrator.cli import cli
from narrator.editor import check

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def november(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["--month", "2025-11", "--out", str(out), "--format", "md,html,docx"])
    assert result.exit_code == 0, result.output
    return out / "2025-11"


def _edit_docx(src: Path, dst: Path, changes: dict[str, str]) -> None:
    """Change figures inside runs, as an editor typing in Word would."""
    doc = Document(str(src))
    left = dict(changes)
    for p in doc.paragraphs:
        for r in p.runs:
            for old in list(left):
                if old in r.text:
                    r.text = r.text.replace(old, left.pop(old), 1)
    assert not left, left
    doc.save(str(dst))


def _anchors(docx: Path) -> tuple[int, list[str]]:
    with zipfile.ZipFile(docx) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
        body = z.read("word/document.xml").decode("utf-8")
    anchored = [re.sub(r"<[^>]+>", "", m.group(1)) for m in
                re.finditer(r"<w:commentRangeStart[^>]*/>(.*?)<w:commentRangeEnd[^>]*/>", body, re.S)]
    return len(re.findall(r"<w:comment ", comments)), anchored


# -- narrate check on narrator's own outputs -------------------------------------------------
@pytest.mark.parametrize("name", ["article.docx", "article.html", "article.md"])
def test_own_outputs_pass_with_facts_beside(november, name):
    result = CliRunner().invoke(cli, ["check", str(november / name)])
    assert result.exit_code == 0, result.output
    # Every format verifies exactly the figures narrate --month verified when it wrote them.
    verified = json.loads((november / "check.json").read_text(encoding="utf-8"))["counts"]["ok"]
    assert f"OK: {verified} figures verified, 0 problems" in result.output


def test_stdin_uses_facts_json_in_current_folder(november, monkeypatch):
    monkeypatch.chdir(november)
    md = (november / "article.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "-"], input=md)
    assert result.exit_code == 0, result.output
    bad = md.replace("共发生297起融资事件", "共发生279起融资事件", 1)
    result = CliRunner().invoke(cli, ["check", "-"], input=bad)
    assert result.exit_code == 1
    line = bad[:bad.index("279起")].count("\n") + 1
    assert f"<stdin>:{line}:" in result.output and "wrong: 279起 [global.events]" in result.output


def test_no_facts_is_a_clear_error(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("全球发生297起融资事件。", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(draft)])
    assert result.exit_code == 2
    assert "no facts.json in" in result.output and "--facts" in result.output
    assert "Traceback" not in result.output


def test_edited_word_file_review(november, tmp_path):
    edited = tmp_path / "edited.docx"
    _edit_docx(november / "article.docx", edited, {"297起": "279起", "1,855.00亿元": "1,585.00亿元"})
    review = tmp_path / "review.docx"
    result = CliRunner().invoke(cli, ["check", str(edited), "--facts", str(november / "facts.json"),
                                      "--review", str(review)])
    assert result.exit_code == 1
    assert re.search(r"edited\.docx:paragraph \d+ char \d+: wrong: 279起 \[global\.events\]", result.output)
    assert re.search(r"edited\.docx:paragraph \d+ char \d+: wrong: 1,585\.00亿元 \[global\.amount\]", result.output)
    count, anchored = _anchors(review)
    assert count == 2 and anchored == ["279起", "1,585.00亿元"]
    with zipfile.ZipFile(review) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "全球融资事件数（global.events）= 297起" in comments and "计算：" in comments
    # the copy keeps the editor's text: only comment marks were added
    assert read_source(review).text == read_source(edited).text

    page = tmp_path / "review.html"
    CliRunner().invoke(cli, ["check", str(edited), "--facts", str(november / "facts.json"), "--review", str(page)])
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="#(m\d+)">', html)
    assert len(links) == 2
    for anchor, figure in zip(links, ["279起", "1,585.00亿元"]):
        assert re.search(f'<span class="m wrong" id="{anchor}" tabindex="0">{re.escape(figure)}<span class=tip>', html)
    assert "<script" not in html and "default-src 'none'" in html
    assert html.count('class="m ok"') > 150


def test_libreoffice_saved_docx_split_runs(tmp_path, nov_facts):
    """A file saved by LibreOffice (digits and CJK in separate runs); fixture converted once."""
    src = FIXTURES / "libreoffice_saved.docx"
    review = check(src, nov_facts)
    found = {(m.text, review.where(m)) for m in review.problems}
    assert found == {("279起", "paragraph 2 char 14"), ("104.94亿元", "table 1 row 2 cell 3 char 1")}
    saved = review.save(tmp_path / "review.docx")
    count, anchored = _anchors(saved[0])
    assert count == 2 and anchored == ["279起", "104.94亿元"]


def test_wechat_html_visible_text_and_positions(nov_facts):
    src = FIXTURES / "wechat_article.html"
    source = read_source(src)
    for hidden in ("999", "888", "777", "iVBOR", "1234567890", "图 3", "color", "<"):
        assert hidden not in source.text, hidden
    assert "共发生297起融资事件" in source.text  # <strong>2</strong><strong>97</strong>起 reads as one figure
    assert "| 国内 | 214起 |" in source.text
    i = source.text.index("1,585.00亿元")
    assert str(source.place(i)) == "11:36"
    line = src.read_text(encoding="utf-8").splitlines()[10]
    assert line[35:45] == "1,585.00亿元"
    assert str(source.place(source.text.index("；"))) == "12:39"  # &#xff1b; maps to its entity
    review = check(src, nov_facts)
    assert [(m.text, m.verdict) for m in review.problems] == [("1,585.00亿元", "wrong")]
    assert sum(m.verdict == "ok" for m in review.mentions) == 8


def test_readers_positions_and_markers():
    text = read_text("第一行\r\n国内发生214起。", "a.md")
    assert text.text == "第一行\n国内发生214起。" and str(text.place(text.text.index("214"))) == "2:5"
    forged = read_bytes("国内\ue000global.events\ue001发生\ue002214起".encode(), "x.md", ".md")
    assert not re.search("[\ue000-\uf8ff]", forged.text)
    assert read_bytes("国内214起".encode("gb18030"), "gbk.txt", ".txt").text == "国内214起"
    with pytest.raises(Exception, match="not a Word .docx"):
        read_bytes(b"PK\x03\x04 broken", "bad.docx", ".docx")


# -- narrate render ------------------------------------------------------------------------
def test_render_edited_draft_with_provenance_and_refusal(november, tmp_path):
    draft_dir = tmp_path / "draft"
    draft_dir.mkdir()
    shutil.copy(november / "facts.json", draft_dir / "facts.json")
    md = (november / "article.md").read_text(encoding="utf-8")
    anchor = "- 国内：共发生214起"
    line_end = md.index("\n", md.index(anchor))
    added = "\n\n编者按：本月国内融资金额为140.94亿元，国外共发生83起融资事件。"
    good = draft_dir / "edited.md"
    good.write_text(md[:line_end] + added + md[line_end:], encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(good)])
    assert result.exit_code == 0, result.output
    html = (draft_dir / "edited.html").read_text(encoding="utf-8")
    sentence = html[html.index("编者按"):html.index("</p>", html.index("编者按"))]
    assert 'data-fact="domestic.amount">140.94亿元</button>' in sentence
    assert 'data-fact="overseas.events">83起</button>' in sentence
    assert html.count("data:image/png;base64,") == 8  # charts as in narrate --month
    doc = Document(str(draft_dir / "edited.docx"))
    assert any("编者按" in p.text for p in doc.paragraphs) and len(doc.inline_shapes) == 8

    wrong = draft_dir / "wrong.md"
    wrong.write_text(good.read_text(encoding="utf-8").replace("为140.94亿元，国外", "为149.04亿元，国外"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(wrong)])
    assert result.exit_code == 1
    assert "wrong: 149.04亿元 [domestic.amount]" in result.output and "REFUSED" in result.output
    assert not (draft_dir / "wrong.html").exists()
    result = CliRunner().invoke(cli, ["render", str(wrong), "--force", "--format", "html"])
    assert result.exit_code == 0, result.output
    forced = (draft_dir / "wrong.html").read_text(encoding="utf-8")
    assert re.search(r'title="未通过核对（wrong）：[^"]*149\.04亿元" data-fact="![^"]*">149\.04亿元</mark>', forced)


def test_render_refuses_word_input(november):
    result = CliRunner().invoke(cli, ["render", str(november / "article.docx")])
    assert result.exit_code == 2 and "reads a Markdown draft" in result.output


# -- Python API ----------------------------------------------------------------------------
def test_api_check_string_and_notebook_view(nov_facts):
    review = check("国内发生214起融资事件，国外共发生38起融资事件。", nov_facts)
    assert [(m.text, m.verdict) for m in review.mentions] == [("214起", "ok"), ("38起", "wrong")]
    assert not review.ok and review.where(review.problems[0]) == "1:19"
    view = review._repr_html_()
    assert view.startswith("<div class=rv><style>") and 'class="m wrong"' in view
    assert "body{" not in view  # styles are scoped to the review, not the notebook page


def test_review_escapes_hostile_text(nov_facts):
    review = check("<img src=x onerror=alert(1)>国外共发生38起<script>alert(2)</script>", nov_facts)
    page = review.html()
    assert "<img src=x" not in page and "<script>" not in page and "&lt;script&gt;" in page
