"""The fast paths of ingest and of the parse cache give what the plain ways give: coded
columns, cells stripped per distinct value, the investor separator shortcut, the packed
stable sort, and a cached table read for one report month."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from narrator.cli import cli
from narrator.ingest import ingest
from narrator.ingest.coded import Coded
from narrator.ingest.duplicates import stable_order
from narrator.ingest.investors import INVESTOR_SPLIT, split_investors


def test_stable_order_is_a_stable_argsort():
    rng = np.random.default_rng(5)
    for n, top in ((0, 1), (1, 1), (50, 3), (5000, 40), (5000, 2**40)):
        key = rng.integers(0, top, n).astype(np.int64)
        assert (stable_order(key) == np.argsort(key, kind="stable")).all()
    huge = np.array([2**62, 1, 1, 0], dtype=np.int64)  # packing would overflow: plain argsort
    assert stable_order(huge).tolist() == [3, 1, 2, 0]


def test_coded_strip_per_distinct_value_keeps_first_appearance_order():
    column = pd.Series([" b", "a ", "b", None, "a", " "], dtype="str")
    coded = Coded.of_stripped(column)
    plain_codes, plain_uniques = pd.factorize(column.str.strip(), use_na_sentinel=False)
    assert coded.codes.tolist() == plain_codes.tolist()
    assert coded.uniques.tolist() == pd.Series(plain_uniques).tolist()
    assert coded.expand(np.array([0, 2, 5])).tolist() == ["b", "b", ""]


def test_investor_cells_without_separators_skip_the_regex_but_split_alike():
    cells = ["红杉资本、IDG", "A, B", "甲 ；乙", "a\u3000、b", "x\v、y", "N/A", "丙/丁", "投资方未透露", "戊、未透露", "", "己，庚"]
    got = split_investors(pd.Series(cells, dtype="str")).tolist()
    assert [list(v) for v in got] == [["红杉资本", "IDG"], ["A", "B"], ["甲", "乙"], ["a\u3000", "b"], ["x\v", "y"], [],
                                      ["丙", "丁"], [], ["戊"], [], ["己", "庚"]]
    # The regex itself leaves a bare 、 as it is: skipping it for such cells changes nothing.
    assert INVESTOR_SPLIT.sub("、", "甲、乙、丙") == "甲、乙、丙"


@pytest.mark.parametrize("body", [
    "公司名称,金额\n甲,1亿\n".encode(), b"\xef\xbb\xbf" + "公司名称,金额\r\n甲,1亿\r\n".encode(),
    "公司名称,金额\n甲,1亿\n".encode("gb18030"), "名称,b\n1,2\n".encode("gb18030"), b"a,b\n\xff,1\n",
    b'a,b\n"x\ny",1\n', b"a,b\n1,2\n\n3,4\n", b"a,b\n1,2,3\n", b"a,b\r1,2\r", b"a,b\n1,2", b"a,b\n1,\xe4",
    b"a\tb\n1\t2\n", b"a,b\n\xed\xa0\x80,1\n",
])
def test_the_utf8_fast_path_reads_as_the_general_path(tmp_path, body):
    from narrator.errors import DataError
    from narrator.ingest.readers import _read_csv, _read_csv_general

    path = tmp_path / ("e.tsv" if b"\t" in body else "e.csv")
    path.write_bytes(body)
    results = []
    for read in (_read_csv, _read_csv_general):
        try:
            raw = read(path, None)
            results.append((raw.frame.to_dict("list"), raw.rows.tolist(), raw.shifted, raw.encoding))
        except DataError as exc:
            results.append(str(exc))
    assert results[0] == results[1]


def test_a_default_with_spaces_is_kept_as_written(tmp_path):
    (tmp_path / "a.csv").write_text("公司名称,融资时间,轮次,金额,投资方,行业\n 甲 ,2025-11-03, A轮 ,1亿人民币,某资本,企业服务\n",
                                    encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[defaults]\ncountry = " 北京 "\nlayer = " 应用层"\n', encoding="utf-8")
    events = ingest(tmp_path / "a.csv", columns=mapping).events
    assert events[["company", "round_raw", "country"]].iloc[0].tolist() == ["甲", "A轮", "CN"]


def _export(path, months: list[str], per_month: int = 40) -> None:
    rows = []
    for i, month in enumerate(months):
        for j in range(per_month):
            rows.append(f"公司{(i * 7 + j) % 53},{month}-{j % 28 + 1:02d},{['A轮', 'B轮', '天使轮'][j % 3]},"
                        f"{['1亿人民币', '未披露', '500万美元', '数千万人民币'][j % 4]},资本{j % 9}、创投{j % 4},"
                        f"{['北京', '美国', '上海', '日本'][(i + j) % 4]},企业服务,{['应用层', '模型层'][j % 2]}\n")
    path.write_text("公司名称,融资时间,轮次,金额,投资方,地区,行业,层级\n" + "".join(rows), encoding="utf-8")


@pytest.mark.parametrize("month", ["2025-06", "2024-06", "2025-01", "2023-12"])
def test_cached_facts_for_one_month_equal_facts_from_the_whole_table(tmp_path, monkeypatch, month):
    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "e.csv"
    # Interleaved months (file order is not month order), a gap (2024-09) and a year back.
    months = [f"{y}-{m:02d}" for y, m in [(2025, 6), (2024, 6), (2025, 1), (2024, 1), (2025, 3), (2025, 5), (2024, 12),
                                          (2025, 2), (2025, 4), (2024, 5), (2024, 8), (2024, 10), (2024, 11)]]
    _export(data, months)
    runner = CliRunner()
    args = ["facts", "--month", month, "--data", str(data), "--json"]
    fresh = runner.invoke(cli, args + ["--no-cache"])
    runner.invoke(cli, args)  # fills the cache
    cached = runner.invoke(cli, args)  # reads only the months the facts draw on
    assert cached.exit_code == fresh.exit_code and cached.output == fresh.output
    if month == "2023-12":  # an absent month is named with every month held
        assert fresh.exit_code == 2 and "2025-06" in fresh.output


def test_cached_facts_of_an_export_without_layers_equal_fresh_ones(tmp_path, monkeypatch):
    """A month's read keeps text columns dictionary-encoded: an all-missing one (no layer
    column: Parquet's null type) reads as it did."""
    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "e.csv"
    _export(data, ["2025-05", "2025-06"])
    data.write_text("\n".join(line.rsplit(",", 1)[0] for line in data.read_text(encoding="utf-8").splitlines()) + "\n",
                    encoding="utf-8")
    args = ["facts", "--month", "2025-06", "--data", str(data), "--json"]
    fresh = CliRunner().invoke(cli, args + ["--no-cache"])
    CliRunner().invoke(cli, args)  # fills the cache
    cached = CliRunner().invoke(cli, args)
    assert fresh.exit_code == 0 and '"layer.' not in fresh.output and cached.output == fresh.output


def test_cached_table_read_whole_is_in_file_order(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "e.csv"
    _export(data, ["2025-03", "2025-01", "2025-02"], per_month=25)
    fresh = ingest(data)
    ingest(data, use_cache=True)
    cached = ingest(data, use_cache=True)
    pd.testing.assert_frame_equal(cached.events.drop(columns="date"), fresh.events.drop(columns="date"))
    assert (cached.events["date"].to_numpy() == fresh.events["date"].to_numpy()).all()
    part = ingest(data, use_cache=True, select_months=lambda held: (["2025-02"], ["2025-01"]))
    assert part.events["month"].unique().tolist() == ["2025-02"] and part.kept == fresh.kept == 75
    january = fresh.events.loc[fresh.events["month"].eq("2025-01"), "amount_cny_yi"].to_numpy()
    assert list(part.other_amounts) == ["2025-01"] and np.array_equal(part.other_amounts["2025-01"], january, equal_nan=True)
    assert part.kept_by_month() == fresh.kept_by_month() == {"2025-01": 25, "2025-02": 25, "2025-03": 25}
    expected = fresh.events[fresh.events["month"].eq("2025-02")].reset_index(drop=True)
    assert part.events["event_id"].tolist() == expected["event_id"].tolist()  # file order within the month


def test_an_export_edited_in_place_with_its_size_and_time_kept_is_parsed_again(tmp_path, monkeypatch):
    """The cache's size-and-time guess is only a guess: the content hash decides."""
    import os

    monkeypatch.setenv("NARRATOR_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "e.csv"
    _export(data, ["2025-01", "2025-02"], per_month=10)
    first = ingest(data, use_cache=True)
    assert ingest(data, use_cache=True).events["company"].tolist() == first.events["company"].tolist()
    info = data.stat()
    data.write_bytes(data.read_bytes().replace("公司1,".encode(), "公司9,".encode()))  # same size
    os.utime(data, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert data.stat().st_size == info.st_size and data.stat().st_mtime_ns == info.st_mtime_ns
    again = ingest(data, use_cache=True)
    assert again.events["company"].tolist() == ingest(data).events["company"].tolist() != first.events["company"].tolist()


def test_a_prefetched_digest_is_used_only_for_the_same_file(tmp_path):
    import hashlib

    from narrator import filehash

    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * (1 << 21))  # above the prefetch threshold
    filehash.prefetch(path)
    assert filehash.digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    filehash.prefetch(path)
    path.write_bytes(path.read_bytes() + b"3,4\n")  # changed after the prefetch started
    assert filehash.digest(path) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_text_codes_hashed_in_numpy_are_pandas_codes():
    from narrator.ingest.textcodes import _by_words, factorize_text

    rng = np.random.default_rng(3)
    pool = ["", "a", "abcdefgh", "abcdefghi", "abcdefgh" * 2, "abcdefgh" * 2 + "x", "公司", "公司甲乙丙丁戊己",
            "x" * 40, "x" * 39 + "y", "y" + "x" * 39, "HK$ 1", "hk$ 1", "a\x00", "a\x00\x00"]
    cells = [pool[i] for i in rng.integers(0, len(pool), 3000)] + [f"公司{i % 700}" for i in range(3000)]
    for column in (pd.Series(cells, dtype="str"), pd.Series(cells[::-1], dtype="str"),
                   pd.Series(cells, dtype="str").iloc[7:2500],  # a slice: Arrow offsets not from 0
                   pd.concat([pd.Series(cells[:100], dtype="str"), pd.Series(cells[100:], dtype="str")])):
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        found = _by_words(column)
        assert found is not None
        assert found[0].tolist() == codes.tolist() and found[1].tolist() == list(uniques)
        assert found[1].dtype == column.dtype
    # Numbers that collide are caught by the exact check, and pandas factorizes instead.
    column = pd.Series(cells, dtype="str")
    assert _by_words(column, mix=np.uint64(0)) is None
    codes, uniques = factorize_text(pd.Series(["b", None, "a", "b"], dtype="str"))  # missing: pandas' way
    assert codes.tolist() == [0, 1, 2, 0] and uniques.iloc[0] == "b" and pd.isna(uniques.iloc[1])
    codes, uniques = factorize_text(pd.Series(["b", "a", "b"], dtype=object))
    assert codes.tolist() == [0, 1, 0] and uniques.tolist() == ["b", "a"]


def test_investor_cells_are_stripped_as_str_strip_strips_them():
    import pyarrow as pa
    import pyarrow.compute as pc

    from narrator.ingest.investors import _strip

    spaces = [" ", "\t", "\n", "\v", "\f", "\r", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000", "\u200a",
              "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
    others = ["a", "资", "本", "é", "\u3001", "\u3042", "\u2010", "\u1234", "\U0001f600", "1", ",", "\u00b7"]
    rng = np.random.default_rng(11)
    pool = spaces + others
    cells = ["".join(pool[i] for i in rng.integers(0, len(pool), rng.integers(0, 5))) for _ in range(4000)]
    cells += [c for c in others] + [s + c for s in spaces for c in others] + [c + s for s in spaces for c in others]
    arr = pa.array(cells, type=pa.string())
    for part in (arr, arr.slice(5, 3000)):
        assert _strip(part).to_pylist() == pc.utf8_trim_whitespace(part).to_pylist()
    assert _strip(arr).to_pylist() == pd.Series(cells, dtype="str").str.strip().tolist()
    # Every character Arrow trims as whitespace (all of them lie below U+3100; checked up to
    # U+10FFFF once: 29 characters) has its lead byte among those _strip looks at.
    from narrator.ingest.investors import _SPACE_LEAD

    chars = [chr(c) for c in range(0x3100) if not 0xD800 <= c <= 0xDFFF]
    trimmed = pc.utf8_trim_whitespace(pa.array([c + "x" for c in chars]))
    spaces_found = [c for c, t in zip(chars, trimmed.to_pylist()) if t == "x"]
    assert len(spaces_found) == 29 and all(_SPACE_LEAD[c.encode()[0]] for c in spaces_found)


def test_text_hashes_computed_in_numpy_are_pandas_hashes():
    from narrator.ingest.textcodes import hash_texts

    rng = np.random.default_rng(4)
    pool = ["", "a", "abcdefg", "abcdefgh", "abcdefghi", "公司", "公司甲乙丙", "x" * 40, "a\x00", "\x00", "é" * 9, "A$\\frac{x$B"]
    texts = [pool[i] for i in rng.integers(0, len(pool), 500)] + [f"公司{i}" for i in range(3000)]
    for column in (pd.Series(texts, dtype="str"), pd.Series(texts, dtype="str").iloc[3:400]):
        expected = pd.util.hash_array(column.to_numpy(dtype=object), categorize=False)
        assert (hash_texts(column) == expected).all()
    assert hash_texts(pd.Series(["a", None], dtype="str")) is None  # missing values: pandas' way
    assert hash_texts(pd.Series(["a"], dtype=object)) is None


def test_sources_written_into_one_buffer_are_file_colon_row():
    from narrator.ingest.table import _sources

    files = np.array(["a.csv", "目录/乙.csv"], dtype=object)
    rows = np.concatenate([np.arange(2, 1203), np.arange(2, 40), [2**32 - 1, 2**32, 10**15]]).astype(np.int64)
    parts = np.concatenate([np.zeros(1201), np.ones(38 + 3)]).astype(np.int32)
    keep = np.flatnonzero(np.arange(len(rows)) % 7 != 3)
    got = _sources(files, pd.Series(parts), pd.Series(rows), keep).tolist()
    assert got == [f"{files[p]}:{r}" for p, r in zip(parts[keep], rows[keep])]


def test_malloc_thresholds_are_raised_once_on_glibc_and_skipped_elsewhere(monkeypatch):
    import platform
    import sys

    from narrator.ingest import memory

    monkeypatch.setattr(memory, "_done", False)
    monkeypatch.setattr(platform, "libc_ver", lambda: ("musl", "1.2"))
    assert memory.keep_freed_memory() is False  # another C library: nothing is called
    monkeypatch.undo()
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert memory.keep_freed_memory() is True and memory.keep_freed_memory() is True
