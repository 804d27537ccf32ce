"""A small OpenAI-compatible chat-completions server that serves scripted Chinese drafts.

No real provider is reachable from CI or from the machines narrator is built on, so the
recorded tests talk to this server (through the real openai client) when cassettes are
made. The draft is assembled from the facts listed in the prompt, so its numbers are
right unless the scenario plants an error. The model name picks the scenario:

  scripted-good               correct drafts
  scripted-wrong-then-fixed   first draft has a wrong number; the repair call fixes it
  scripted-always-wrong       wrong twice (narrator must fall back)
  scripted-429                429 with Retry-After: 1, then a correct draft
  scripted-500                500, then a correct draft
  scripted-truncated          finish_reason "length", then a correct draft
  scripted-empty              empty content, then a correct draft
  scripted-references         correct drafts that cite every figure by id ({global.amount})
  scripted-references-unknown-then-fixed   the first drafts cite an id that is no fact; the repair fixes it
  scripted-corpus-obedient:ID,ID,…   serves those corpus sections (tests/prose_corpus); the repair
                              turn does exactly what the repair message says (tests/corpus_model.py)
  scripted-corpus-stubborn:ID,ID,…   the same, but the repair turn sends the draft again

Run: python tests/fake_llm_server.py [--port 18765] [--latency 0]
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from corpus_model import respond

PORT = 18765
CORPUS = Path(__file__).resolve().parent / "prose_corpus"
SECTION_HEADINGS = {"conclusions": "融资数据结论", "money": "钱去哪了", "players": "谁在参与"}


def corpus_sections(ids: list[str]) -> dict[str, str]:
    """Section heading → text of the corpus items ``ids`` (tests/prose_corpus/*.jsonl)."""
    out = {}
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["id"] in ids:
                out[SECTION_HEADINGS[item["section"]]] = item["text"]
    return out
FACT_LINE = re.compile(r"^- ([^｜\n]+)｜([^｜\n]+)｜([^｜\n]+)$", re.M)


def _facts(prompt: str) -> dict[str, tuple[str, str]]:
    return {m.group(1): (m.group(2), m.group(3)) for m in FACT_LINE.finditer(prompt)}


def _name(label: str) -> str:
    m = re.search(r"「([^」]*)」", label)
    return m.group(1) if m else ""


def compose(section: str, facts: dict[str, tuple[str, str]], wrong: bool, cite: bool = False) -> str:
    """The scripted draft of ``section``; ``cite`` writes {fact_id} references instead of figures."""
    d = {k: "{" + k + "}" if cite else v[1] for k, v in facts.items()}
    lead = next((k.split(".")[1] for k in d if k.startswith("country.") and k.endswith(".amount_share")), "US")
    lead_name = facts.get(f"country.{lead}.amount_share", ("美国融资金额占全球比例", ""))[0].split("融资")[0]
    g = lambda k: d.get(k, "")  # noqa: E731
    if section == "融资数据结论":
        domestic_share = g("overseas.amount_share") if wrong else g("domestic.amount_share")
        return (f"{g('report.month_short')}全球投融资呈现“项目在国内、资金在{lead_name}”的格局。\n\n"
                f"- **全球层面**：共发生{g('global.events')}融资事件，披露融资总额{g('global.amount')}。\n"
                f"- **国外市场**：国外发生{g('overseas.events')}融资事件，融资金额{g('overseas.amount')}，"
                f"占全球的{g('overseas.amount_share')}。\n"
                f"- **国内市场**：国内发生{g('domestic.events')}融资事件，占全球事件数的{g('domestic.events_share')}；"
                f"融资金额{g('domestic.amount')}，占全球的{domestic_share}。\n"
                f"- **轮次结构**：早期轮次共{g('round.早期.events')}，占全球事件数的{g('round.早期.events_share')}；"
                f"D轮及以后与战略/股权投资贡献了{g('round.后期及战略.amount_share')}的融资金额。\n"
                f"- **区域结构**：{lead_name}融资{g(f'country.{lead}.amount')}，占全球的{g(f'country.{lead}.amount_share')}。\n"
                f"- **产业结构**：模型层获得全球{g('layer.模型层.amount_share')}的融资金额，"
                f"应用层事件数占{g('layer.应用层.events_share')}。")
    if section == "钱去哪了":
        top5 = g("global.top5_share")
        if wrong:
            top5 = re.sub(r"\d", lambda m: str((int(m.group(0)) + 3) % 10), top5, count=1)
        return (f"1）资金高度集中：前{g('global.top5_count')}交易合计占全球融资金额的{top5}。\n\n"
                f"2）超大额交易决定规模：单笔不低于{g('global.mega_threshold')}的超大额交易共{g('global.mega_deals')}，"
                f"合计占全球融资金额的{g('global.mega_amount_share')}。\n\n"
                f"3）资金流向{lead_name}：{lead_name}吸收了全球{g(f'country.{lead}.amount_share')}的资金，"
                f"国内仅占{g('domestic.amount_share')}。\n\n"
                f"4）后期轮次是规模放大器：D轮及以后与战略/股权投资贡献了{g('round.后期及战略.amount_share')}的融资金额。")
    if section == "谁在参与":
        n1, n2 = _name(facts.get("investor.domestic.1.deals", ("", ""))[0]), _name(facts.get("investor.domestic.2.deals", ("", ""))[0])
        ratio = "9.9倍" if wrong else g("overseas.avg_vs_domestic")
        return (f"1）国内机构出手活跃：{n1}出手{g('investor.domestic.1.deals')}，{n2}出手{g('investor.domestic.2.deals')}。\n\n"
                f"2）单笔规模差距显著：国外平均单笔融资{g('overseas.avg_amount')}，是国内平均单笔（{g('domestic.avg_amount')}）的{ratio}。\n\n"
                f"3）模型层拿钱、应用层出项目：应用层事件数占{g('layer.应用层.events_share')}，"
                f"模型层获得{g('layer.模型层.amount_share')}的资金。\n\n"
                f"4）早期窗口仍然存在：早期轮次占全球事件数的{g('round.早期.events_share')}。")
    return "本节暂无内容。"


class Handler(BaseHTTPRequestHandler):
    counts: dict[tuple, int] = {}
    lock = threading.Lock()
    latency = 0.0

    def log_message(self, *args) -> None:  # quiet
        return

    def _send(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        if self.latency:
            time.sleep(self.latency)
        model = body.get("model", "")
        messages = body.get("messages", [])
        prompt = next((m["content"] for m in messages if m["role"] == "user"), "")
        section = (re.search(r"请撰写“([^”]+)”一节", prompt) or [None, ""])[1]
        repair = len(messages) > 2 and messages[-1]["content"].startswith("上一稿中")
        key = (model, section, repair)
        with self.lock:
            n = self.counts.get(key, 0)
            self.counts[key] = n + 1
        scenario = model.removeprefix("scripted-")
        if scenario == "429" and n == 0:
            return self._send(429, {"error": {"message": "Rate limit reached", "type": "rate_limit_error"}},
                              {"retry-after": "1"})
        if scenario == "500" and n == 0:
            return self._send(500, {"error": {"message": "Internal error", "type": "server_error"}})
        if scenario.startswith("corpus-"):  # corpus-obedient:A-001,A-002 / corpus-stubborn:…
            mode, _, ids = scenario.removeprefix("corpus-").partition(":")
            draft = corpus_sections(ids.split(",")).get(section, "")
            content = respond(messages[-2]["content"], mode, messages[-1]["content"]) if repair else draft
            return self._reply(model, messages, content, "stop")
        facts = _facts(prompt)
        wrong = (scenario == "wrong-then-fixed" and not repair) or scenario == "always-wrong"
        content, finish = compose(section, facts, wrong, cite=scenario.startswith("references")), "stop"
        if scenario == "references-unknown-then-fixed" and not repair:
            content = content.replace("{global.amount}", "{global.total_amount}")
        if scenario == "truncated" and not repair:
            content, finish = content[: len(content) // 2], "length"
        if scenario == "empty" and not repair:
            content = ""
        self._reply(model, messages, content, finish)

    def _reply(self, model: str, messages: list, content: str, finish: str) -> None:
        usage = {"prompt_tokens": len(json.dumps(messages, ensure_ascii=False)) // 2, "completion_tokens": len(content)}
        self._send(200, {
            "id": "chatcmpl-scripted", "object": "chat.completion", "created": 1764460800, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}],
            "usage": usage | {"total_tokens": usage["prompt_tokens"] + usage["completion_tokens"]},
        })


def serve(port: int = PORT, latency: float = 0.0) -> ThreadingHTTPServer:
    """Start the server in a background thread and return it (call .shutdown() to stop)."""
    Handler.latency = latency
    Handler.counts = {}
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    Handler.latency = args.latency
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
