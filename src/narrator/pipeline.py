"""The stages wired together: ingest → facts → draft → check → render."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .facts import MonthFacts, compute_facts
from .ingest import Built, ingest
from .resources import sample_data_dir


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


def load(inputs: Inputs, settings: Settings) -> Built:
    """Stage 1: the clean event table and its rejects."""
    return ingest(inputs.data_path(), inputs.columns, inputs.fx, settings.domestic, settings.fx,
                  use_cache=inputs.use_cache)


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
        "kept": len(built.events),
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "sample": inputs.is_sample,
    } | (_month_summary(built, month) if month else {})


def _month_summary(built: Built, month: str) -> dict:
    from .coverage import fx_summary, month_rows

    return {"warnings": len(built.warnings), "month_rows": month_rows(built, month), "fx": fx_summary(built, month)}


def facts_for(month: str, inputs: Inputs, settings: Settings) -> tuple[MonthFacts, Built]:
    """Stages 1–2: the month's facts (and the table they came from)."""
    built = load(inputs, settings)
    facts = compute_facts(built.events, month, data_summary(built, inputs, month), settings.report.topic)
    return facts, built


def ingest_summary(built: Built) -> dict:
    """Counts for ``narrate ingest``: rows_read == kept + rejected + duplicates."""
    months = built.events["month"].value_counts().sort_index()
    return {
        "rows_read": built.rows_read,
        "kept": len(built.events),
        "rejected": len(built.rejects) - built.duplicates,
        "duplicates": built.duplicates,
        "warnings": len(built.warnings),
        "months": {str(k): int(v) for k, v in months.items()},
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
                  progress: bool = True, offline: bool = False, llm_settings=None) -> ArticleResult:
    """Stages 1–5: facts, charts, draft, check, render; written atomically to OUT/MONTH/."""
    import json
    import time

    from .blocks import parse_blocks
    from .charts import all_charts
    from .check import check_article
    from .outputs import atomic_dir
    from .progress import Stages
    from .render import render_all, to_markdown
    from .writer import draft_builtin, strip_markers

    started = time.perf_counter()
    with Stages(enabled=progress) as stages:
        with stages.step("读取数据"):
            built = load(inputs, settings)
        with stages.step("计算事实"):
            facts = compute_facts(built.events, month, data_summary(built, inputs, month), settings.report.topic)
        with stages.step("绘制图表"):
            charts = all_charts(facts)
        images = {f"charts/{c.name}.png": c.png for c in charts.values()}
        chart_md = {name: f"![{c.title}](charts/{name}.png)" for name, c in charts.items()}
        outcomes = []
        overrides: dict[str, str] = {}
        if not offline and llm_settings is not None and llm_settings.api_key:
            from .draft import draft_sections

            # No spinner here: the section progress bar is the live display.
            with stages.step(f"LLM 撰写（{llm_settings.model}）", spinner=False), stages.bar("章节", 3) as advance:
                outcomes = draft_sections(facts, settings, llm_settings, on_done=advance)
            overrides = {o.section: o.text for o in outcomes if o.text}
        with stages.step("撰写正文"):
            markup = draft_builtin(facts, settings, chart_md, overrides)
        with stages.step("核对数字"):
            # Check the very text that is saved as article.md, so offsets point into it.
            while True:
                blocks = parse_blocks(markup)
                marked_md = to_markdown(blocks, markers=True)
                report = check_article(strip_markers(marked_md), facts, markup=marked_md)
                culprit = _failing_override(report, overrides)
                if report.ok or culprit is None:
                    break
                # A section that passed alone but fails in place falls back to the built-in text.
                overrides.pop(culprit)
                for o in outcomes:
                    if o.section == culprit:
                        o.source, o.text, o.error = "builtin", None, "failed the article-level check"
                markup = draft_builtin(facts, settings, chart_md, overrides)
        title = settings.report.title.format(year=int(month[:4]), month=int(month[5:]), topic=settings.report.topic)
        with stages.step("生成文件"):
            files = render_all(blocks, marked_md, facts, images, formats, title)
            files["facts.json"] = facts.to_json().encode("utf-8")
            verdict = report.to_dict() | {"writer": "llm" if outcomes else "builtin",
                                          "sections": [o.to_dict() for o in outcomes]}
            files["check.json"] = (json.dumps(verdict, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            files.update(images)
            if len(built.rejects):
                files["rejects.csv"] = built.rejects.to_csv(index=False).encode("utf-8")
            if len(built.warnings):
                files["warnings.csv"] = built.warnings.to_csv(index=False).encode("utf-8")
            target = out / month
            atomic_dir(target, files)
    paths = [target / name for name in files if not name.startswith("charts/")] + [target / "charts"]
    elapsed = time.perf_counter() - started
    llm_note = ""
    if outcomes:
        used = sum(o.source != "builtin" for o in outcomes)
        llm_note = f"LLM sections {used}/{len(outcomes)} used; "
    summary = (f"{month}: {facts.value('global.events')} deals, {len(facts.facts)} facts, {llm_note}"
               f"{len(charts)} charts; check {'passed' if report.ok else 'FAILED'} "
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


def check_file(article: Path, month: str | None, inputs: Inputs, settings: Settings,
               facts_file: Path | None = None):
    """Stage 4 on its own: check an article file against facts (computed or from facts.json)."""
    import json

    from .check import check_article
    from .errors import ConfigError, DataError

    try:
        text = Path(article).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"{article}: no such file") from None
    except UnicodeDecodeError:
        raise DataError(f"{article}: not UTF-8 text") from None
    if facts_file is not None:
        try:
            facts = MonthFacts.from_dict(json.loads(Path(facts_file).read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise ConfigError(f"{facts_file}: no such facts file") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{facts_file}: not a narrator facts.json ({exc})") from None
        if month and facts.month != month:
            raise ConfigError(f"{facts_file}: holds facts for {facts.month}, not {month}")
    else:
        if month is None:
            raise ConfigError("give --month (or --facts facts.json) to say which month the article reports")
        facts, _ = facts_for(month, inputs, settings)
    return check_article(text, facts), text


def _failing_override(report, overrides: dict[str, str]) -> str | None:
    """The LLM section that holds a problem figure, if any."""
    from .writer import strip_markers

    for m in report.problems:
        for name, text in overrides.items():
            if m.text in strip_markers(text):
                return name
    return None


def dry_run(month: str, inputs: Inputs, settings: Settings, llm_settings) -> list[dict]:
    """Prompt sizes and costs per section, without calling anything."""
    from .draft import dry_run_rows

    facts, _ = facts_for(month, inputs, settings)
    return dry_run_rows(facts, settings, llm_settings)
