"""The stages wired together: ingest → facts → draft → check → render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings
from .facts import FACT_COLUMNS, compute_facts
from .ingest import Built, ingest
from .model import MonthFacts
from .resources import sample_data_dir

if TYPE_CHECKING:  # drafting (jinja2, asyncio, the writer) is not imported for ingest or facts
    from .draft.llm import LLMSettings


@dataclass
class Inputs:
    """Where the data comes from (None means the shipped sample)."""

    data: Path | None = None
    columns: Path | None = None
    fx: Path | None = None
    use_cache: bool = True  # reuse the parsed table of an unchanged export (--no-cache: parse again)

    @property
    def is_sample(self) -> bool:
        return self.data is None

    def data_path(self) -> Path:
        return self.data if self.data is not None else sample_data_dir()


def load(inputs: Inputs, settings: Settings, month: str | None = None) -> Built:
    """Stage 1: the clean event table and its rejects. With ``month``, a cached table is
    read only for the months that month's facts draw on (every month is still counted), and
    only for the columns they read."""
    def months_for(held: list[str]) -> tuple[list[str], list[str]] | None:
        from .facts.coverage import months_read

        return months_read(month, held) if month in held else None  # an absent month: read all, name all

    return ingest(inputs.data_path(), inputs.columns, inputs.fx, settings.domestic, settings.fx,
                  use_cache=inputs.use_cache, select_months=months_for if month else None,
                  select_columns=FACT_COLUMNS if month else None)


def data_summary(built: Built, inputs: Inputs, month: str | None = None) -> dict:
    """The ``data`` block of facts.json: files, row counts, whether the sample was used, and
    (with ``month``) the month's own row counts and the FX rates its figures used."""
    root = inputs.data_path()
    files = [Path(f).name if root.is_dir() else str(f) for f in built.files]
    if inputs.is_sample:
        files = [f"narrator:data/sample/{Path(f).name}" for f in built.files]
    return {
        "files": files,
        "rows_read": built.rows_read,
        "kept": built.kept,
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "sample": inputs.is_sample,
    } | (_month_summary(built, month) if month else {})


def _month_summary(built: Built, month: str) -> dict:
    from .facts.coverage import fx_summary, month_rows

    return {"warnings": len(built.warnings), "month_rows": month_rows(built, month), "fx": fx_summary(built, month)}


def facts_for(month: str, inputs: Inputs, settings: Settings) -> tuple[MonthFacts, Built]:
    """Stages 1–2: the month's facts (and the table they came from)."""
    built = load(inputs, settings, month)
    facts = compute_facts(built.events, month, data_summary(built, inputs, month), settings.report.topic,
                          built.other_amounts)
    return facts, built


def build_facts(month: str, data: str | Path | None = None, *, columns: str | Path | None = None,
                fx: str | Path | None = None, settings: Settings | None = None) -> MonthFacts:
    """The month's facts from an export file or folder (``None``: the shipped sample).

    This is the library's front door to stages 1–2; ``narrate facts`` prints the same thing.
    """
    inputs = Inputs(Path(data) if data is not None else None, Path(columns) if columns else None,
                    Path(fx) if fx else None)
    facts, _ = facts_for(month, inputs, settings or Settings())
    return facts


def ingest_summary(built: Built) -> dict:
    """Counts for ``narrate ingest``: rows_read == kept + rejected + duplicates."""
    return {
        "rows_read": built.rows_read,
        "kept": built.kept,
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "warnings": len(built.warnings),
        "months": built.kept_by_month(),
    }


def write_ingest(built: Built, out: Path) -> None:
    """Write events.csv, events.parquet and (when any) rejects.csv and warnings.csv."""
    out.mkdir(parents=True, exist_ok=True)
    flat = built.events.assign(investors=built.events["investors"].map("、".join))
    flat.to_csv(out / "events.csv", index=False, encoding="utf-8")
    built.events.to_parquet(out / "events.parquet", index=False)
    if len(built.rejects):
        built.rejects.to_csv(out / "rejects.csv", index=False, encoding="utf-8")
    if len(built.warnings):
        built.warnings.to_csv(out / "warnings.csv", index=False, encoding="utf-8")


@dataclass
class ArticleResult:
    """What ``narrate --month`` wrote, and the one-line summary."""

    out_dir: Path
    paths: list[Path]
    summary: str
    check_ok: bool


def write_article(month: str, inputs: Inputs, settings: Settings, out: Path, formats: list[str],
                  progress: bool = True, offline: bool = False, llm_settings: LLMSettings | None = None) -> ArticleResult:
    """Stages 1–5: facts, charts, draft, check, render; written atomically to OUT/MONTH/."""
    import time

    from .compose import compose, save
    from .progress import Stages

    started = time.perf_counter()
    with Stages(enabled=progress) as stages:
        with stages.step("读取数据"):
            built = load(inputs, settings, month)
        with stages.step("计算事实"):
            facts = compute_facts(built.events, month, data_summary(built, inputs, month), settings.report.topic,
                                  built.other_amounts)
        article = compose(facts, settings, None if offline else llm_settings, progress=stages)
        with stages.step("生成文件"):
            extra = {}
            if len(built.rejects):
                extra["rejects.csv"] = built.rejects.to_csv(index=False).encode("utf-8")
            if len(built.warnings):
                extra["warnings.csv"] = built.warnings.to_csv(index=False).encode("utf-8")
            target = out / month
            paths = save(article, target, formats, extra)
    elapsed = time.perf_counter() - started
    report, outcomes = article.report, article.sections
    llm_note = ""
    if outcomes:
        used = sum(o.source != "builtin" for o in outcomes)
        llm_note = f"LLM sections {used}/{len(outcomes)} used; "
    summary = (f"{month}: {facts.value('global.events')} deals, {len(facts.facts)} facts, {llm_note}"
               f"{len(article.images)} charts; check {'passed' if report.ok else 'FAILED'} "
               f"({report.counts.get('ok', 0)} figures verified, {report.problem_count} problems); "
               f"{_rows_note(month, facts.data['month_rows'])}; {elapsed:.1f}s → {target}")
    return ArticleResult(target, paths, summary, report.ok)


def _rows_note(month: str, rows: dict) -> str:
    """The summary line's account of the month's rows (and, apart, the other months')."""
    note = (f"{month} rows: {rows['kept']} kept ({rows['no_amount']} without a usable amount), "
            f"{rows['duplicates']} duplicates, {rows['rejected']} rejected")
    if rows["other_months"]:
        note += f"; {rows['other_months']} rows of other months set aside"
    if rows["no_date"]:
        note += f"; {rows['no_date']} rows without a readable date"
    return note


def check_file(article: Path | str, month: str | None, inputs: Inputs, settings: Settings,
               facts_file: Path | None = None):
    """Stage 4 on its own: check a Markdown, text, Word or HTML file (``-``: standard input).

    Returns the report, the :class:`~narrator.check.sources.SourceText` whose offsets it uses,
    and the facts it was checked against.
    """
    from .check import check_article
    from .check.sources import read_source

    source = read_source(article)
    facts = find_facts(article, month, inputs, settings, facts_file)
    return check_article(source.text, facts), source, facts


def load_facts_file(facts_file: Path) -> MonthFacts:
    """A facts.json written by narrator, or a clear ConfigError."""
    import json

    from .errors import ConfigError

    try:
        return MonthFacts.from_dict(json.loads(Path(facts_file).read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ConfigError(f"{facts_file}: no such facts file") from None
    except IsADirectoryError:
        raise ConfigError(f"{facts_file}: is a folder, not a facts.json file") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{facts_file}: not a narrator facts.json ({exc})") from None


def find_facts(article: Path | str, month: str | None, inputs: Inputs, settings: Settings,
               facts_file: Path | None = None) -> MonthFacts:
    """The facts an article is checked against: ``--facts``, else ``--month`` (with ``--data``),
    else the facts.json beside the article (an output folder; the current folder for stdin)."""
    from .errors import ConfigError

    if facts_file is not None:
        facts = load_facts_file(facts_file)
        if month and facts.month != month:
            raise ConfigError(f"{facts_file}: holds facts for {facts.month}, not {month}")
        return facts
    if month is not None:
        return facts_for(month, inputs, settings)[0]
    if inputs.data is not None:
        raise ConfigError("--data needs --month to say which month the article reports")
    beside = (Path.cwd() if str(article) == "-" else Path(article).parent) / "facts.json"
    if beside.is_file():
        return load_facts_file(beside)
    raise ConfigError(f"no facts for {article}: no facts.json in {beside.parent}; "
                      "give --facts facts.json, or --month YYYY-MM (with --data for your own export)")


def dry_run(month: str, inputs: Inputs, settings: Settings, llm_settings) -> list[dict]:
    """Prompt sizes and costs per section, without calling anything."""
    from .draft.sections import dry_run_rows

    facts, _ = facts_for(month, inputs, settings)
    return dry_run_rows(facts, settings, llm_settings)
