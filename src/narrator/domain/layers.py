"""AIGC industry layers: 基础层, 模型层, 中间层, 应用层."""

from __future__ import annotations

import unicodedata

LAYERS = ["基础层", "模型层", "中间层", "应用层"]

_SYNONYMS = {
    "基础层": ("基础", "基础设施层", "基础设施", "算力层", "算力", "infrastructure", "infra", "基础层/算力"),
    "模型层": ("模型", "大模型层", "大模型", "技术层", "model", "models", "foundation model"),
    "中间层": ("中间", "工具层", "平台层", "middleware", "tooling", "tools", "platform"),
    "应用层": ("应用", "application", "applications", "app", "apps"),
}
_LOOKUP = {layer: layer for layer in LAYERS}
for _layer, _names in _SYNONYMS.items():
    for _name in _names:
        _LOOKUP[_name] = _layer


def normalise_layer(text: object) -> str | None:
    """Map a layer text to one of ``LAYERS``; None for an empty or unknown text."""
    key = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().lower()
    return _LOOKUP.get(key)
