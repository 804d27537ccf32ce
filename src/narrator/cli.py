"""Command line: parse arguments, call the pipeline, report. No heavy imports at module level
so that ``narrate --help`` answers at once."""

from __future__ import annotations

import gc
import json
import os
import re
import sys
from pathlib import Path

import click

from .errors import NarratorError

_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _MONTH_RE.match(value):
        raise click.BadParameter(f"'{value}' is not a month; use YYYY-MM, e.g. 2025-11")
    return value


def _data_options(func):
    func = click.option("--fx", type=click.Path(dir_okay=False, path_type=Path),
                        help="CSV month,currency,cny_per_unit with extra FX rates.")(func)
    func = click.option("--columns", type=click.Path(dir_okay=False, path_type=Path),
                        help="TOML column mapping for the export's headers.")(func)
    func = click.option("--data", type=click.Path(path_type=Path),
                        help="Export file or folder (default: the shipped sample).")(func)
    return func


def _settings(config: Path | None):
    from .config import load_settings

    return load_settings(config)


def _prefetch(data, no_cache: bool) -> None:
    """Start hashing a large export for the parse cache's key while the command imports."""
    if data is not None and not no_cache:
        from .filehash import prefetch

        prefetch(data)


def _inputs(data, columns, fx, no_cache: bool = False):
    from .pipeline import Inputs

    return Inputs(data, columns, fx, use_cache=not no_cache)


def _fail(exc: Exception) -> None:
    """One clear line on stderr, never a traceback (unless NARRATOR_DEBUG=1)."""
    if os.environ.get("NARRATOR_DEBUG"):
        raise exc
    if isinstance(exc, NarratorError):
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(f"Error: unexpected {type(exc).__name__}: {exc} (set NARRATOR_DEBUG=1 for details)", err=True)
    sys.exit(1)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--month", callback=_month, help="Report month, YYYY-MM.")
@_data_options
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="narrator.toml settings.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; the article goes to OUT/YYYY-MM/.")
@click.option("--format", "formats", default="md,html,docx", show_default=True,
              help="Comma-separated outputs: md, html, docx.")
@click.option("--offline", is_flag=True, help="Use the built-in writer even when an API key is set.")
@click.option("--model", help="LLM model (default: NARRATOR_MODEL, [llm] model, gpt-4o-mini).")
@click.option("--dry-run", is_flag=True, help="Print each LLM prompt's tokens and cost; call nothing.")
@click.option("--no-cache", is_flag=True, help="Parse the export again and do not reuse cached LLM responses.")
@click.pass_context
def cli(ctx, month, data, columns, fx, config, out, formats, offline, model, dry_run, no_cache):
    """Write the monthly funding report for MONTH.

    Example: narrate --month 2025-11
    """
    if ctx.invoked_subcommand is not None:
        return
    if month is None:
        click.echo(ctx.get_help())
        ctx.exit(2)
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in {"md", "html", "docx"}]
    if bad:
        raise click.BadParameter(f"unknown format '{bad[0]}'; choose from md, html, docx", param_hint="--format")
    _prefetch(data, no_cache)
    try:
        from .draft.llm import resolve_llm_settings
        from .pipeline import write_article

        settings = _settings(config)
        llm_settings = resolve_llm_settings(settings, model, use_cache=not no_cache)
        if dry_run:
            from .pipeline import dry_run as run_dry

            _print_dry_run(run_dry(month, _inputs(data, columns, fx, no_cache), settings, llm_settings), llm_settings)
            return
        result = write_article(month, _inputs(data, columns, fx, no_cache), settings, out, wanted,
                               offline=offline, llm_settings=llm_settings)
    except Exception as exc:  # noqa: BLE001 - mapped to one line by _fail
        _fail(exc)
        return
    for path in result.paths:
        click.echo(str(path))
    click.echo(result.summary, err=True)
    if not result.check_ok:
        sys.exit(1)


def _print_dry_run(rows: list[dict], llm) -> None:
    click.echo(f"model {llm.model} at {llm.host} (no calls made)")
    click.echo(f"{'section':<12} {'prompt tok':>10} {'max out':>8} {'facts':>6} {'est. cost':>10}")
    for r in rows:
        cost = f"${r['cost_usd']:.5f}" if r["priced"] else "n/a"
        click.echo(f"{r['section']:<12} {r['prompt_tokens']:>10} {r['max_output_tokens']:>8} {r['facts']:>6} {cost:>10}"
                   + (f"  dropped: {', '.join(r['dropped'])}" if r["dropped"] else ""))
    total = sum(r["cost_usd"] for r in rows)
    click.echo(f"{'total':<12} {sum(r['prompt_tokens'] for r in rows):>10} "
               f"{sum(r['max_output_tokens'] for r in rows):>8} {'':>6} {('$%.5f' % total) if rows and rows[0]['priced'] else 'n/a':>10}")
    click.echo("token counts: cl100k_base (exact for OpenAI cl100k models, approximate for others)")


@cli.command()
@_data_options
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="narrator.toml settings.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write events.csv, events.parquet and rejects.csv here.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-cache", is_flag=True, help="Parse the export again instead of reusing its cached table.")
def ingest(data, columns, fx, config, out, as_json, no_cache):
    """Read exports into the clean event table; rejected rows go to rejects.csv.

    Example: narrate ingest --data exports/ --columns mapping.toml --out clean/
    """
    _prefetch(data, no_cache)
    try:
        from .pipeline import ingest_summary, load, write_ingest

        inputs = _inputs(data, columns, fx, no_cache)
        built = load(inputs, _settings(config))
        summary = ingest_summary(built)
        if out is not None:
            write_ingest(built, out)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, sort_keys=True))
        return
    click.echo(f"rows read {summary['rows_read']}, kept {summary['kept']}, rejected {summary['rejected']}, "
               f"duplicates {summary['duplicates']}, warnings {summary['warnings']}")
    for m, n in summary["months"].items():
        click.echo(f"  {m}: {n} deals")
    if out is not None:
        click.echo(f"wrote {out / 'events.csv'}, {out / 'events.parquet'}" +
                   (f", {out / 'rejects.csv'}" if len(built.rejects) else ""))


@cli.command()
@click.option("--month", callback=_month, required=True, help="Report month, YYYY-MM.")
@_data_options
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="narrator.toml settings.")
@click.option("--json", "as_json", is_flag=True, help="Print facts.json to stdout.")
@click.option("--no-cache", is_flag=True, help="Parse the export again instead of reusing its cached table.")
def facts(month, data, columns, fx, config, as_json, no_cache):
    """Compute every figure of the month's report.

    Example: narrate facts --month 2025-11 --json > facts.json
    """
    _prefetch(data, no_cache)
    try:
        from .pipeline import facts_for

        month_facts, _ = facts_for(month, _inputs(data, columns, fx, no_cache), _settings(config))
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    if as_json:
        click.echo(month_facts.to_json(), nl=False)
        return
    from .terminal import print_facts

    print_facts(month_facts)


@cli.command()
@click.argument("article", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--month", callback=_month, help="Report month, YYYY-MM (default: the facts file's month).")
@_data_options
@click.option("--facts", "facts_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check against this facts.json (default: the facts.json beside ARTICLE).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="narrator.toml settings.")
@click.option("--json", "as_json", is_flag=True, help="Print every mention and verdict as JSON.")
@click.option("--review", "review_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a review: OUT.docx (Word input: a comment per problem figure) and/or OUT.html.")
@click.option("--no-cache", is_flag=True, help="Parse the export again instead of reusing its cached table.")
def check(article, month, data, columns, fx, facts_file, config, as_json, review_out, no_cache):
    """Check every number in ARTICLE (.md, .txt, .docx, .html, or - for stdin) against the facts.

    Exit 0 when every figure is supported, 1 when any is not, 2 on bad input.

    Example: narrate check out/2025-11/article.docx --review review.docx
    """
    _prefetch(data, no_cache)
    try:
        from .pipeline import check_file

        report, source, facts = check_file(article, month, _inputs(data, columns, fx, no_cache), _settings(config), facts_file)
        written = []
        if review_out is not None:
            from .render.review import write_review

            written = write_review(review_out, source, report, facts)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    if as_json:
        doc = report.to_dict()
        for m, d in zip(report.mentions, doc["mentions"]):
            d["place"] = str(source.place(m.start))
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for m in report.problems:
            fact = f" [{m.fact_id}]" if m.fact_id else ""
            click.echo(f"{source.where(m.start)}: {m.verdict}: {m.text}{fact} — {m.reason}")
        counts = report.counts
        click.echo(f"{'OK' if report.ok else 'FAILED'}: {counts.get('ok', 0)} figures verified, "
                   f"{report.problem_count} problems, {counts.get('ignored', 0)} ignored", err=True)
    for path, notes in written:
        click.echo(f"review: {path} ({notes} {'comments' if path.suffix == '.docx' else 'problems marked'})", err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("draft", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--month", callback=_month, help="Report month, YYYY-MM (default: the facts file's month).")
@_data_options
@click.option("--facts", "facts_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Facts to check against (default: the facts.json beside DRAFT).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="narrator.toml settings.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for DRAFT.html and DRAFT.docx (default: DRAFT's folder).")
@click.option("--format", "formats", default="html,docx", show_default=True, help="Comma-separated: html, docx.")
@click.option("--force", is_flag=True, help="Render even if the check fails; failing figures are flagged in red.")
def render(draft, month, data, columns, fx, facts_file, config, out, formats, force):
    """Re-render an edited Markdown DRAFT to HTML and Word, with charts and provenance.

    The draft is checked first; it is refused (exit 1) when any figure fails, unless --force.

    Example: narrate render out/2025-11/edited.md
    """
    wanted = tuple(f.strip() for f in formats.split(",") if f.strip())
    bad = [f for f in wanted if f not in {"html", "docx"}]
    if bad or not wanted:
        raise click.BadParameter(f"unknown format '{bad[0] if bad else formats}'; choose from html, docx",
                                 param_hint="--format")
    try:
        from .edited import render_edited

        result = render_edited(draft, month, _inputs(data, columns, fx), _settings(config), facts_file, out,
                               wanted, force)
    except Exception as exc:  # noqa: BLE001
        _fail(exc)
        return
    report, source = result.report, result.source
    for m in report.problems:
        fact = f" [{m.fact_id}]" if m.fact_id else ""
        click.echo(f"{source.where(m.start)}: {m.verdict}: {m.text}{fact} — {m.reason}", err=True)
    if result.refused:
        click.echo(f"REFUSED: {report.problem_count} problems; fix them (narrate check {draft} --review review.html) "
                   "or pass --force to render with the failing figures flagged", err=True)
        sys.exit(1)
    for path in result.paths:
        click.echo(str(path))
    flagged = f", {report.problem_count} failing figures flagged" if report.problem_count else ""
    click.echo(f"rendered: {report.counts.get('ok', 0)} figures with provenance{flagged}", err=True)


def main() -> None:
    """Console-script entry point."""

    # One command runs, then the process exits. The cyclic collector would spend about a
    # tenth of a repeated ``narrate facts`` walking the objects of pandas, pyarrow and click
    # as they are imported; reference counting still frees everything outside a cycle, and
    # a whole article run holds about 5% more memory at its peak without it.
    enabled = gc.isenabled()
    gc.disable()
    try:
        cli(prog_name="narrate")
    finally:
        # The interpreter's exit still runs one full collection over every object left,
        # which after a run without the collector is all of them: about 0.25 s of a 1.3 s
        # repeated ``narrate facts``. Frozen objects are skipped by it; the exit otherwise
        # goes on as usual (atexit handlers, threads joined, modules and files released).
        gc.freeze()
        if enabled:
            gc.enable()
