"""Calls to any OpenAI-compatible endpoint: one client factory, retries, deadline, disk cache.

The API key is read from the environment (OPENAI_API_KEY) and never written anywhere:
not into the cache (keyed by endpoint host, model, messages and parameters), not into
logs, outputs or error messages (``redact``).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable
from urllib.parse import urlparse

from ..config import LLMConfig, Settings
from ..errors import NarratorError

DEFAULT_MODEL = "gpt-4o-mini"
# Indicative list prices in USD per 1M tokens (input, output); override in narrator.toml [llm.prices].
DEFAULT_PRICES = {"gpt-4o-mini": (0.15, 0.60), "gpt-4o": (2.50, 10.00), "deepseek-chat": (0.27, 1.10),
                  "qwen-plus": (0.40, 1.20)}


class LLMError(NarratorError):
    "A call to the language model failed for good (after retries, or a non-retryable error)."

    exit_code = 1


_FILE = LLMConfig()  # the defaults of [llm]: one place for them


@dataclass(frozen=True)
class LLMSettings:
    """Everything about the endpoint; resolved once from flags, environment and narrator.toml."""

    api_key: str | None
    base_url: str | None = None
    model: str = DEFAULT_MODEL
    concurrency: int = _FILE.concurrency
    timeout: float = _FILE.timeout
    max_retries: int = _FILE.max_retries
    deadline: float = _FILE.deadline
    temperature: float = _FILE.temperature
    seed: int = 7
    max_output_tokens: int = _FILE.max_output_tokens
    prompt_budget: int = _FILE.prompt_budget
    retry_base: float = 1.0
    retry_cap: float = 30.0
    cache_dir: Path | None = None
    use_cache: bool = True
    prices: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEFAULT_PRICES))

    @property
    def host(self) -> str:
        return urlparse(self.base_url).netloc if self.base_url else "api.openai.com"


def resolve_llm_settings(settings: Settings, model: str | None = None, use_cache: bool = True) -> LLMSettings:
    """Flags, then environment (OPENAI_API_KEY, OPENAI_BASE_URL, NARRATOR_MODEL), then [llm] in narrator.toml
    (already checked and typed in ``settings.llm``)."""
    conf = settings.llm
    cache_dir = os.environ.get("NARRATOR_CACHE_DIR") or conf.cache_dir
    return LLMSettings(
        api_key=os.environ.get("OPENAI_API_KEY") or None,
        base_url=os.environ.get("OPENAI_BASE_URL") or conf.base_url,
        model=model or os.environ.get("NARRATOR_MODEL") or conf.model or DEFAULT_MODEL,
        concurrency=conf.concurrency,
        timeout=conf.timeout,
        max_retries=conf.max_retries,
        deadline=conf.deadline,
        temperature=conf.temperature,
        max_output_tokens=conf.max_output_tokens,
        prompt_budget=conf.prompt_budget,
        cache_dir=Path(cache_dir) if cache_dir else Path.home() / ".cache" / "narrator" / "llm",
        use_cache=use_cache,
        prices=DEFAULT_PRICES | conf.prices,
    )


def redact(text: str, key: str | None) -> str:
    """Remove the key (and any 'sk-…' fragment of it) from a message."""
    if key:
        text = text.replace(key, "***")
        if len(key) > 8:
            text = text.replace(key[:8], "***").replace(key[-4:], "***")
    return text


def make_client(llm: LLMSettings):
    """The one place an AsyncOpenAI client is built. Retries are ours (see ``complete``)."""
    from openai import AsyncOpenAI

    return AsyncOpenAI(api_key=llm.api_key, base_url=llm.base_url, timeout=llm.timeout, max_retries=0)


@dataclass
class Completion:
    """One model answer."""

    content: str
    finish_reason: str | None
    refusal: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False
    waits: list[float] = field(default_factory=list)


class DiskCache:
    """Responses on disk, keyed by endpoint host, model, messages and parameters."""

    def __init__(self, root: Path | None, enabled: bool) -> None:
        self.root = root or Path()  # unused when there is no folder: enabled is then False
        self.enabled = enabled and root is not None

    def key(self, llm: LLMSettings, messages: list[dict[str, str]]) -> str:
        blob = json.dumps({"host": llm.host, "model": llm.model, "messages": messages, "temperature": llm.temperature,
                           "seed": llm.seed, "max_tokens": llm.max_output_tokens}, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get(self, key: str) -> Completion | None:
        if not self.enabled:
            return None
        path = self.root / f"{key}.json"
        if not path.is_file():
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
        return Completion(doc["content"], doc["finish_reason"], doc.get("refusal"), doc.get("prompt_tokens", 0),
                          doc.get("completion_tokens", 0), cached=True)

    def put(self, key: str, c: Completion) -> None:
        if not self.enabled:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        doc = {"content": c.content, "finish_reason": c.finish_reason, "refusal": c.refusal,
               "prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens}
        tmp = self.root / f".{key}.tmp"
        tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.root / f"{key}.json")


def _retry_after(exc: Any) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


async def complete(client: Any, llm: LLMSettings, messages: list[dict[str, str]], cache: DiskCache,
                   sleep: Callable[[float], Awaitable[Any]] | None = None, started: float | None = None) -> Completion:
    """One chat completion with exponential backoff and jitter on 429 (Retry-After honoured),
    5xx, timeouts and connection errors, within ``llm.deadline`` seconds of ``started``
    (``sleep``: asyncio.sleep unless a test gives its own)."""
    import asyncio  # here, not at the top: a run without a model never loads asyncio

    import openai

    sleep = sleep or asyncio.sleep

    key = cache.key(llm, messages)
    hit = cache.get(key)
    if hit is not None:
        return hit
    started = started if started is not None else time.monotonic()
    waits: list[float] = []
    attempt = 0
    while True:
        try:
            response = await client.chat.completions.create(
                model=llm.model, messages=messages, temperature=llm.temperature, seed=llm.seed,
                max_tokens=llm.max_output_tokens)
            choice = response.choices[0]
            usage = response.usage
            result = Completion(choice.message.content or "", choice.finish_reason,
                                getattr(choice.message, "refusal", None),
                                usage.prompt_tokens if usage else 0, usage.completion_tokens if usage else 0,
                                waits=waits)
            cache.put(key, result)
            return result
        except openai.RateLimitError as exc:
            wait = _retry_after(exc)
            wait = wait if wait is not None else _backoff(llm, attempt)
            reason = "429 rate limited"
        except openai.InternalServerError as exc:
            wait, reason = _backoff(llm, attempt), f"{exc.status_code} server error"
        except openai.APITimeoutError:
            wait, reason = _backoff(llm, attempt), "timeout"
        except openai.APIConnectionError:
            wait, reason = _backoff(llm, attempt), "connection error"
        except openai.APIStatusError as exc:
            raise LLMError(redact(f"{llm.host}: {exc.status_code} {exc.message}", llm.api_key)) from None
        if attempt >= llm.max_retries or time.monotonic() - started + wait > llm.deadline:
            raise LLMError(f"{llm.host}: {reason} after {attempt + 1} attempts")
        waits.append(wait)
        await sleep(wait)
        attempt += 1


def _backoff(llm: LLMSettings, attempt: int) -> float:
    """Exponential backoff with full jitter, capped."""
    return min(llm.retry_cap, llm.retry_base * 2 ** attempt) * (0.5 + random.random() / 2)
