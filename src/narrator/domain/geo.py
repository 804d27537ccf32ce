"""Country texts (Chinese/English names, ISO codes, Chinese provinces and cities) to ISO 3166 alpha-2."""

from __future__ import annotations

import re
import unicodedata

# ISO2: (Chinese name used in the article, other names)
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CN": ("中国", ("中国大陆", "china", "mainland china", "prc", "chn", "国内")),
    "HK": ("中国香港", ("香港", "hong kong", "hongkong", "hkg")),
    "MO": ("中国澳门", ("澳门", "macau", "macao", "mac")),
    "TW": ("中国台湾", ("台湾", "taiwan", "twn")),
    "US": ("美国", ("united states", "usa", "u.s.", "u.s.a.", "united states of america", "america")),
    "CA": ("加拿大", ("canada", "can")),
    "GB": ("英国", ("united kingdom", "uk", "england", "britain", "great britain", "gbr")),
    "IL": ("以色列", ("israel", "isr")),
    "JP": ("日本", ("japan", "jpn")),
    "KR": ("韩国", ("south korea", "korea", "republic of korea", "kor")),
    "SG": ("新加坡", ("singapore", "sgp")),
    "FR": ("法国", ("france", "fra")),
    "DE": ("德国", ("germany", "deu")),
    "IN": ("印度", ("india", "ind")),
    "AU": ("澳大利亚", ("australia", "aus")),
    "CH": ("瑞士", ("switzerland", "che")),
    "SE": ("瑞典", ("sweden", "swe")),
    "NL": ("荷兰", ("netherlands", "holland", "nld")),
    "AE": ("阿联酋", ("united arab emirates", "uae", "are")),
    "SA": ("沙特阿拉伯", ("沙特", "saudi arabia", "sau")),
    "ES": ("西班牙", ("spain", "esp")),
    "IT": ("意大利", ("italy", "ita")),
    "FI": ("芬兰", ("finland", "fin")),
    "DK": ("丹麦", ("denmark", "dnk")),
    "NO": ("挪威", ("norway", "nor")),
    "IE": ("爱尔兰", ("ireland", "irl")),
    "BR": ("巴西", ("brazil", "bra")),
    "MX": ("墨西哥", ("mexico", "mex")),
    "ID": ("印度尼西亚", ("印尼", "indonesia", "idn")),
    "VN": ("越南", ("vietnam", "viet nam", "vnm")),
    "TH": ("泰国", ("thailand", "tha")),
    "MY": ("马来西亚", ("malaysia", "mys")),
    "PL": ("波兰", ("poland", "pol")),
    "EE": ("爱沙尼亚", ("estonia", "est")),
    "BE": ("比利时", ("belgium", "bel")),
    "AT": ("奥地利", ("austria", "aut")),
    "NZ": ("新西兰", ("new zealand", "nzl")),
    "ZZ": ("其他国家", ("国外", "海外", "境外", "overseas", "foreign", "其他国家", "其他")),
}

CN_PLACES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
    "海南 四川 贵州 云南 陕西 甘肃 青海 内蒙古 广西 西藏 宁夏 新疆 深圳 广州 杭州 南京 苏州 成都 武汉 "
    "西安 合肥 厦门 青岛 长沙 郑州 宁波 无锡 东莞 佛山 珠海 济南 大连 沈阳 哈尔滨 长春 福州 昆明 "
    "南昌 石家庄 太原 贵阳 南宁 兰州 乌鲁木齐 常州 嘉兴 绍兴 温州 烟台 中山 惠州 雄安"
).split()

_LOOKUP: dict[str, str] = {}
for _code, (_zh, _aliases) in COUNTRIES.items():
    _LOOKUP[_code.lower()] = _code
    _LOOKUP[_zh.lower()] = _code
    for _alias in _aliases:
        _LOOKUP[_alias] = _code
_PLACE_RE = re.compile("^(中国)?(" + "|".join(CN_PLACES) + ")")


def normalise_country(text: object) -> str | None:
    """Map a country text to ISO2 (``ZZ`` for an unnamed foreign country); None when unknown."""
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text)).strip()
    key = raw.lower().strip(" .")
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    if _PLACE_RE.match(raw):
        return "CN"
    # "中国·北京", "美国加州", "US-CA": try the leading part.
    head = re.split(r"[·\-/,，、\s]", raw, maxsplit=1)[0].lower()
    if head in _LOOKUP:
        return _LOOKUP[head]
    for name, code in sorted(_LOOKUP.items(), key=lambda kv: -len(kv[0])):
        if len(name) >= 2 and re.match(r"[\u4e00-\u9fff]", name) and raw.startswith(name):
            return code
    return None


def country_name(code: str) -> str:
    """The Chinese name of an ISO2 code, as the article prints it."""
    return COUNTRIES.get(code, (code, ()))[0]
