"""Charts as pure functions: facts in, PNG bytes out (matplotlib Agg, Noto Sans SC).

Every label printed on a chart is a fact's display form; the bars are the facts' values.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from ..domain.geo import country_name
from ..domain.layers import LAYERS
from ..domain.rounds import GROUP_SHORT, ROUND_GROUPS
from ..model import Fact, MonthFacts

PALETTE = {"domestic": "#C0392B", "lead": "#1F4E79", "rest": "#7FA7C9", "accent": "#E67E22",
           "grid": "#DDDDDD", "text": "#333333", "muted": "#888888"}
LAYER_COLORS = {"基础层": "#1F4E79", "模型层": "#2E86C1", "中间层": "#85C1E9", "应用层": "#E67E22"}
DPI = 200  # 2.5x for phone screens
# Charts are drawn for a phone's text column: a 390px-wide screen leaves 358 CSS px for an
# image, so a chart FIG_WIDTH inches wide shows a point of type at 358 / (72 * FIG_WIDTH)
# CSS px. At 4.8in, MIN_FONT (12pt) is about 12.4 CSS px; the page caps images at 480px,
# where it is about 16.6 px (body text is 15 px). Every text on a chart is at least MIN_FONT.
FIG_WIDTH = 4.8
MIN_FONT = 12
TITLE_FONT = 14


@dataclass(frozen=True)
class Chart:
    """One rendered chart."""

    name: str
    title: str
    png: bytes


@cache
def _setup() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import pylopdf_fonts_zh_cn as zh
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(zh.sans_path()))


@contextmanager
def _style():
    _setup()
    import matplotlib.pyplot as plt

    with plt.rc_context({"font.family": "Noto Sans SC", "axes.unicode_minus": False, "font.size": MIN_FONT, "legend.fontsize": MIN_FONT,
                         "text.parse_math": False,  # names from the data are plain text ('A$\\frac{x$B' is not TeX)
                         "axes.spines.top": False, "axes.spines.right": False,
                         "axes.edgecolor": "#999999", "axes.titleweight": "normal", "axes.titlesize": TITLE_FONT,
                         "xtick.labelsize": MIN_FONT, "ytick.labelsize": MIN_FONT}):
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*Glyph.*missing.*")  # never ship tofu
            yield plt


def _figure(plt, *args, **kwargs):
    """``plt.subplots`` at the output DPI: every text is measured once, by the renderer that
    fits the labels, finds the tight box and (for the tight layouts) places the axes."""
    return plt.subplots(*args, dpi=DPI, **kwargs)


def _save(fig) -> bytes:
    """The PNG of ``fig``, cropped to its content plus 0.1in (what ``bbox_inches="tight"`` gives).

    The box is measured here with the figure's own renderer instead of by ``"tight"``, which
    runs a whole extra layout pass inside savefig; Agg then draws the figure once. (After
    ``tight_layout`` matplotlib keeps a placeholder layout engine, so for those two charts
    savefig still runs its layout pass: about 0.03 s each.)
    """
    import matplotlib.pyplot as plt

    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches=box, facecolor="white",
                metadata={"Software": None},  # no version stamp: identical bytes across runs
                pil_kwargs={"compress_level": 3})  # no larger than level 6 on these charts, in 2/3 of the time
    plt.close(fig)
    return buf.getvalue()


def _hbar(title: str, labels: list[str], values: list[float], texts: list[str], colors, note: str = "",
          labels_above: bool = False) -> bytes:
    """Horizontal bars; ``labels_above`` puts each label on its own line over its bar (long names)."""
    with _style() as plt:
        step = 0.62 if labels_above else 0.42
        fig, ax = _figure(plt, figsize=(FIG_WIDTH, step * len(labels) + 0.9))
        y = list(range(len(labels)))[::-1]
        if isinstance(colors, str):
            colors = [colors] * len(labels)
        ax.barh(y, values, color=colors, height=0.42 if labels_above else 0.62)
        top = max(values) if values else 1
        if labels_above:
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            for yi, label in zip(y, labels):
                ax.text(0, yi + 0.28, label, va="bottom", ha="left", color=PALETTE["text"])
            ax.set_ylim(-0.5, len(labels) - 0.1)
        else:
            ax.set_yticks(y, labels)
        notes = [ax.text(v + top * 0.015, yi, t, va="center", color=PALETTE["text"]) for yi, v, t in zip(y, values, texts)]
        ax.set_xlim(0, top * 1.45)
        _fit_right(fig, ax, notes)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.set_title(title, loc="left")
        if note:
            fig.text(0.01, -0.02, note, color=PALETTE["muted"])
        return _save(fig)


def _fit_right(fig, ax, texts) -> None:
    """Widen the x range until every value label ends inside the axes, so the saved image keeps
    FIG_WIDTH (a label sticking out would widen it and shrink all its type on the phone).

    Only text extents are needed, so nothing is drawn: the renderer measures the labels."""
    renderer = fig.canvas.get_renderer()
    for _ in range(4):
        right = max((t.get_window_extent(renderer).x1 for t in texts), default=0)
        box = ax.get_window_extent(renderer)
        if right <= box.x1:
            return
        left, x1 = ax.get_xlim()
        ax.set_xlim(left, x1 * (1 + (right - box.x1) / box.width + 0.02))


def region_split(facts: MonthFacts) -> Chart | None:
    """100% bars: share of events vs share of money, 国内 / lead country / other overseas."""
    f = facts.facts
    if "domestic.events_share" not in f and "overseas.events_share" not in f:
        return None
    lead = f.get("overseas.lead_country")
    parts = [("国内", "domestic", PALETTE["domestic"])]
    if lead is not None:
        parts.append((country_name(lead.value), f"country.{lead.value}", PALETTE["lead"]))
        if "overseas_rest.events_share" in f:
            parts.append(("其他国外", "overseas_rest", PALETTE["rest"]))
    elif "overseas.events_share" in f:
        parts.append(("国外", "overseas", PALETTE["lead"]))
    with _style() as plt:
        fig, ax = _figure(plt, figsize=(FIG_WIDTH, 2.9))
        for row, metric in ((1, "events_share"), (0, "amount_share")):
            left, last_outside = 0.0, -100.0
            for label, scope, color in parts:
                fact = f.get(f"{scope}.{metric}")
                if fact is None:
                    continue
                ax.barh(row, fact.value, left=left, color=color, height=0.5, label=label if row == 1 else None)
                mid = left + fact.value / 2
                if fact.value >= 14:  # room for the label inside the bar
                    ax.text(mid, row, fact.display, ha="center", va="center", color="white")
                elif fact.value >= 3 and mid - last_outside >= 15:
                    # A thin segment is labelled just outside the bar, in its own colour.
                    x = min(max(mid, 4), 96)
                    ax.text(x, row + (0.3 if row == 1 else -0.3), fact.display, ha="center",
                            va="bottom" if row == 1 else "top", color=color)
                    last_outside = mid
                left += fact.value
        ax.set_yticks([1, 0], ["事件数", "金额"])
        ax.set_ylim(-0.75, 1.75)
        ax.set_xlim(0, 100)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.legend(ncol=len(parts), loc="upper center", bbox_to_anchor=(0.5, -0.02), frameon=False,
                  handlelength=1.2, columnspacing=1.2)
        ax.set_title(f"{facts.facts['report.month'].display}：事件与金额的区域占比", loc="left")
        return Chart("region_split", "事件与金额的区域分布", _save(fig))


def monthly_trend(facts: MonthFacts) -> Chart | None:
    """Events (bars) and amount (line) of the last months in the data."""
    months = sorted({fid.split(".")[1] for fid in facts.facts if fid.startswith("month.")})
    if len(months) < 2:
        return None
    ev = [facts.facts[f"month.{m}.events"] for m in months]
    am = [facts.facts[f"month.{m}.amount"] for m in months]
    labels = [f"{int(m[5:])}月" for m in months]
    with _style() as plt:
        fig, (ax, ax2) = _figure(plt, 2, 1, figsize=(FIG_WIDTH, 4.6), sharex=True)
        current = len(months) - 1
        for axis, items, what, unit, color in ((ax, ev, "融资事件数", "起", PALETTE["rest"]),
                                               (ax2, am, "融资金额", "亿元", PALETTE["domestic"])):
            colors = [color if i == current else "#C9D6E3" for i in range(len(items))]
            bars = axis.bar(labels, [x.value for x in items], color=colors, width=0.6)
            top = max(x.value for x in items) or 1
            for bar, x in zip(bars, items):
                axis.text(bar.get_x() + bar.get_width() / 2, x.value + top * 0.03, _bare(x.display, unit),
                          ha="center", va="bottom", color=PALETTE["text"])
            axis.set_ylim(0, top * 1.3)
            axis.yaxis.set_visible(False)
            axis.spines["left"].set_visible(False)
            axis.set_title(f"{what}（{unit}）", loc="left", fontsize=MIN_FONT, color=PALETTE["muted"])
        fig.suptitle("近月全球融资事件数与金额", x=0.02, ha="left", fontsize=TITLE_FONT)
        fig.tight_layout()
        return Chart("monthly_trend", "近月全球融资事件数与金额", _save(fig))


def _bare(display: str, unit: str) -> str:
    """A display form without its unit when the panel title names it ('1,855.00亿元' → '1,855.00')."""
    return display[: -len(unit)] if display.endswith(unit) else display


def _countries(facts: MonthFacts, metric: str, limit: int = 10):
    codes = [fid.split(".")[1] for fid in facts.facts if fid.startswith("country.") and fid.endswith(".events")]
    rows = [(c, facts.facts[f"country.{c}.{metric}"]) for c in codes if f"country.{c}.{metric}" in facts.facts]
    rows.sort(key=lambda r: (-r[1].value, r[0]))
    return rows[:limit]


def country_chart(facts: MonthFacts, metric: str) -> Chart | None:
    """Countries by events or amount, top 10."""
    rows = [r for r in _countries(facts, metric) if r[1].value > 0]
    if not rows:
        return None
    colors = [PALETTE["domestic"] if c == "CN" else PALETTE["lead"] for c, _ in rows]
    what = "融资事件数" if metric == "events" else "融资金额"
    title = f"各国家和地区{what}"
    png = _hbar(title, [country_name(c) for c, _ in rows], [f.value for _, f in rows], [f.display for _, f in rows], colors)
    return Chart(f"country_{metric}", title, png)


def round_chart(facts: MonthFacts, metric: str) -> Chart | None:
    """Round groups by events or amount."""
    rows = [(GROUP_SHORT[g], facts.facts.get(f"round.{g}.{metric}"), facts.facts.get(f"round.{g}.{metric}_share"))
            for g in ROUND_GROUPS]
    shown: list[tuple[str, Fact, Fact | None]] = [(label, f, s) for label, f, s in rows if f is not None and f.value > 0]
    if not shown:
        return None
    what = "融资事件数" if metric == "events" else "融资金额"
    title = f"各轮次{what}"
    texts = [f"{f.display}（{s.display}）" if s else f.display for _, f, s in shown]
    png = _hbar(title, [label for label, _, _ in shown], [f.value for _, f, _ in shown], texts, PALETTE["lead"])
    return Chart(f"round_{metric}", title, png)


def layer_chart(facts: MonthFacts) -> Chart | None:
    """Share of events and of money per layer."""
    present = [layer for layer in LAYERS if f"layer.{layer}.events" in facts.facts]
    if not present:
        return None
    with _style() as plt:
        fig, axes = _figure(plt, 1, 2, figsize=(FIG_WIDTH, 3.0), sharey=True)
        for ax, metric, name in ((axes[0], "events_share", "事件数占比"), (axes[1], "amount_share", "金额占比")):
            vals = [facts.facts.get(f"layer.{layer}.{metric}") for layer in present]
            ys = list(range(len(present)))[::-1]
            ax.barh(ys, [v.value if v else 0 for v in vals], color=[LAYER_COLORS[layer] for layer in present], height=0.6)
            for y, v in zip(ys, vals):
                if v:
                    ax.text(v.value + 2, y, v.display, va="center")
            ax.set_xlim(0, 130)
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_title(name, fontsize=MIN_FONT)
            ax.set_yticks(ys, present)
        fig.suptitle("/".join(present) + "分布", x=0.02, ha="left", fontsize=TITLE_FONT)
        fig.tight_layout()
        return Chart("layers", "产业层级分布", _save(fig))


def top_deals_chart(facts: MonthFacts) -> Chart | None:
    """The largest deals of the month."""
    top = facts.value("deals.global.top") or []
    if not top:
        return None
    labels = [_literal(f"{_short(d['company'], 24)}（{d['country_name']}·{_short(d['round_raw'], 8)}）") for d in top]
    fids = [facts.facts[d["fact_id"]] for d in top]
    colors = [PALETTE["domestic"] if d["country"] == "CN" else PALETTE["lead"] for d in top]
    png = _hbar("金额最大的融资交易", labels, [f.value for f in fids], [f.display for f in fids], colors,
                labels_above=True)
    return Chart("top_deals", "金额最大的融资交易", png)


def _literal(text: str) -> str:
    """Data text drawn as written: matplotlib would typeset $…$ as TeX ($\\frac{1}{0}$ Labs)."""
    return text.replace("$", r"\$")


def _short(name: str, limit: int = 18) -> str:
    """``name`` cut to ``limit`` columns (a CJK character takes two), so a label fits the phone-wide chart."""
    import unicodedata

    width = 0
    out: list[str] = []
    for ch in name:
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if width > limit:
            return "".join(out[:-1]) + "…"
        out.append(ch)
    return name


def all_charts(facts: MonthFacts) -> dict[str, Chart]:
    """Every chart the month's data supports, by name."""
    charts = [region_split(facts), monthly_trend(facts), country_chart(facts, "events"),
              country_chart(facts, "amount"), round_chart(facts, "events"), round_chart(facts, "amount"),
              layer_chart(facts), top_deals_chart(facts)]
    return {c.name: c for c in charts if c is not None}
