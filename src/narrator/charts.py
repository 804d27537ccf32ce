"""Charts as pure functions: facts in, PNG bytes out (matplotlib Agg, Noto Sans SC).

Every label printed on a chart is a fact's display form; the bars are the facts' values.
"""

from __future__ import annotations

import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from .facts import MonthFacts
from .ingest.geo import country_name
from .ingest.layers import LAYERS
from .ingest.rounds import GROUP_SHORT, ROUND_GROUPS

PALETTE = {"domestic": "#C0392B", "lead": "#1F4E79", "rest": "#7FA7C9", "accent": "#E67E22",
           "grid": "#DDDDDD", "text": "#333333", "muted": "#888888"}
LAYER_COLORS = {"基础层": "#1F4E79", "模型层": "#2E86C1", "中间层": "#85C1E9", "应用层": "#E67E22"}
DPI = 200  # 2x for phone screens: a 6.4in-wide chart is 1280px


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

    # text.parse_math off: names from the data are plain text ('A$\frac{x$B' must not be TeX).
    with plt.rc_context({"font.family": "Noto Sans SC", "axes.unicode_minus": False, "font.size": 10,
                         "text.parse_math": False,
                         "axes.spines.top": False, "axes.spines.right": False,
                         "axes.edgecolor": "#999999", "axes.titleweight": "normal", "axes.titlesize": 12}):
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*Glyph.*missing.*")  # never ship tofu
            yield plt


def _save(fig) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", facecolor="white",
                metadata={"Software": None})  # no version stamp: identical bytes across runs
    plt.close(fig)
    return buf.getvalue()


def _hbar(title: str, labels: list[str], values: list[float], texts: list[str], colors, note: str = "") -> bytes:
    with _style() as plt:
        fig, ax = plt.subplots(figsize=(6.4, 0.42 * len(labels) + 1.2))
        y = list(range(len(labels)))[::-1]
        ax.barh(y, values, color=colors, height=0.62)
        ax.set_yticks(y, labels)
        top = max(values) if values else 1
        for yi, v, t in zip(y, values, texts):
            ax.text(v + top * 0.01, yi, t, va="center", fontsize=9, color=PALETTE["text"])
        ax.set_xlim(0, top * 1.25)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.set_title(title, loc="left")
        if note:
            fig.text(0.01, -0.02, note, fontsize=8, color=PALETTE["muted"])
        return _save(fig)


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
        fig, ax = plt.subplots(figsize=(6.4, 2.4))
        for row, metric in ((1, "events_share"), (0, "amount_share")):
            left = 0.0
            for label, scope, color in parts:
                fact = f.get(f"{scope}.{metric}")
                if fact is None:
                    continue
                ax.barh(row, fact.value, left=left, color=color, height=0.55, label=label if row == 1 else None)
                if fact.value >= 6:
                    ax.text(left + fact.value / 2, row, fact.display, ha="center", va="center", color="white", fontsize=9)
                left += fact.value
        ax.set_yticks([1, 0], ["事件数占比", "金额占比"])
        ax.set_xlim(0, 100)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.legend(ncol=len(parts), loc="upper center", bbox_to_anchor=(0.5, -0.02), frameon=False)
        ax.set_title(f"{facts.facts['report.month'].display}全球融资：事件与金额的区域分布", loc="left")
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
        fig, ax = plt.subplots(figsize=(6.4, 3.4))
        bars = ax.bar(labels, [e.value for e in ev], color=PALETTE["rest"], width=0.55, label="融资事件数（起）")
        for bar, e in zip(bars, ev):
            ax.text(bar.get_x() + bar.get_width() / 2, max(e.value for e in ev) * 0.04, e.display, ha="center",
                    fontsize=8, color="white")
        ax.set_ylim(0, max(e.value for e in ev) * 1.3)
        ax.yaxis.set_visible(False)
        ax2 = ax.twinx()
        ax2.plot(labels, [a.value for a in am], color=PALETTE["domestic"], marker="o", label="融资金额（亿元）")
        for x, a in zip(labels, am):
            # A white box keeps the label readable where the line runs through it.
            ax2.annotate(a.display, (x, a.value), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=8,
                         color=PALETTE["domestic"], zorder=5,
                         bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9})
        ax2.set_ylim(0, max(a.value for a in am) * 1.3)
        ax2.yaxis.set_visible(False)
        ax2.spines["right"].set_visible(False)
        h1, l1 = ax.get_legend_handles_labels()
        h2, l2 = ax2.get_legend_handles_labels()
        ax.legend(h1 + h2, l1 + l2, loc="upper left", frameon=False, fontsize=8)
        ax.set_title("近月全球融资事件数与金额", loc="left")
        return Chart("monthly_trend", "近月全球融资事件数与金额", _save(fig))


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
    rows = [(label, f, s) for label, f, s in rows if f is not None and f.value > 0]
    if not rows:
        return None
    what = "融资事件数" if metric == "events" else "融资金额"
    title = f"各轮次{what}"
    texts = [f"{f.display}（{s.display}）" if s else f.display for _, f, s in rows]
    png = _hbar(title, [r[0] for r in rows], [r[1].value for r in rows], texts, PALETTE["lead"])
    return Chart(f"round_{metric}", title, png)


def layer_chart(facts: MonthFacts) -> Chart | None:
    """Share of events and of money per layer."""
    present = [layer for layer in LAYERS if f"layer.{layer}.events" in facts.facts]
    if not present:
        return None
    with _style() as plt:
        fig, axes = plt.subplots(1, 2, figsize=(6.4, 2.9), sharey=True)
        for ax, metric, name in ((axes[0], "events_share", "事件数占比"), (axes[1], "amount_share", "金额占比")):
            vals = [facts.facts.get(f"layer.{layer}.{metric}") for layer in present]
            ys = list(range(len(present)))[::-1]
            ax.barh(ys, [v.value if v else 0 for v in vals], color=[LAYER_COLORS[layer] for layer in present], height=0.6)
            for y, v in zip(ys, vals):
                if v:
                    ax.text(v.value + 1.5, y, v.display, va="center", fontsize=9)
            ax.set_xlim(0, 115)
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_title(name, fontsize=10)
            ax.set_yticks(ys, present)
        fig.suptitle("基础层/模型层/中间层/应用层分布", x=0.02, ha="left", fontsize=12)
        fig.tight_layout()
        return Chart("layers", "产业层级分布", _save(fig))


def top_deals_chart(facts: MonthFacts) -> Chart | None:
    """The largest deals of the month."""
    top = facts.value("deals.global.top") or []
    if not top:
        return None
    labels = [f"{_short(d['company'])}（{d['country_name']}·{_short(d['round_raw'], 8)}）" for d in top]
    fids = [facts.facts[d["fact_id"]] for d in top]
    colors = [PALETTE["domestic"] if d["country"] == "CN" else PALETTE["lead"] for d in top]
    png = _hbar("金额最大的融资交易", labels, [f.value for f in fids], [f.display for f in fids], colors)
    return Chart("top_deals", "金额最大的融资交易", png)


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def all_charts(facts: MonthFacts) -> dict[str, Chart]:
    """Every chart the month's data supports, by name."""
    charts = [region_split(facts), monthly_trend(facts), country_chart(facts, "events"),
              country_chart(facts, "amount"), round_chart(facts, "events"), round_chart(facts, "amount"),
              layer_chart(facts), top_deals_chart(facts)]
    return {c.name: c for c in charts if c is not None}
