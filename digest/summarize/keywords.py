"""Keywords that name things: TF-IDF over the sentences' tokens (the ranker's, cut once), with
the news stopword list, weighted toward names of people, places, organisations and projects.

A word's weight is its count in the article (headline words count once more) times its
self-information in jieba's dictionary (see `tokens.information`; 发展, 工作, 持续 are common
everywhere and weigh little, 吕梁, 氢能 much), times its kind:

- names in jieba's dictionary (people nr, places ns, organisations nt, other proper nouns nz,
  abbreviations j) × 2; verbs, adjectives, adverbs, numerals, pronouns, time words × 0.3
  (a verbal noun such as 培训 counts as a noun);
- words jieba does not know (put together by its HMM) count as nouns when the article repeats
  them (张利锋) and as verbs when it does not (mis-cuts such as 抓实控);
- words ending like a place, an organisation or a project (孝义市, 团市委, 鹏飞集团, 绿化工程) × 1.5.

Left out: numbers and words with digits, leftovers of numbers (`余株` from `2000余株`),
lowercase Latin fragments and the pieces of e-mail addresses and URLs (`llstszx`, `com`),
and a word inside another chosen one (吕梁 beside 吕梁市: the longer is kept).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..sentences import split_sentences, strip_credits
from .tokens import information, tokenize_many, word_tag

# Endings of names of places, organisations, projects and products.
NAME_ENDINGS = (
    "省", "市", "县", "区", "镇", "乡", "村", "街道", "社区", "山", "河", "湖", "公园", "广场", "大街",
    "局", "委", "厅", "办", "院", "所", "站", "部", "处", "队", "会", "社", "团", "校", "馆", "中心", "协会", "大学", "中学", "小学", "学院",
    "公司", "集团", "银行", "医院", "企业", "合作社", "工厂", "厂", "矿", "电厂",
    "项目", "工程", "园区", "产业园", "基地", "小镇", "线", "计划", "行动", "专线", "平台", "品牌",
)
NAME_BOOST = 1.5
# Parts of speech in jieba's dictionary: names (people, places, organisations, other proper
# nouns, abbreviations) weigh more; verbs, adjectives, adverbs, numerals, pronouns, time and
# direction words weigh less.
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})
PLAIN_TAGS = ("v", "a", "d", "m", "q", "r", "p", "c", "u", "t", "f", "z", "b")
PROPER_WEIGHT = 2.0
PLAIN_WEIGHT = 0.3
_NUMBER_LEFTOVER_RE = re.compile(r"^[余多第]")
_ADDRESS_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[\w./?=&%#:-]+|[\w-]+(?:\.[a-z]{2,}){1,}", re.ASCII)


@lru_cache(maxsize=1 << 16)
def _candidate(word: str) -> bool:
    if any(ch.isdigit() for ch in word) or _NUMBER_LEFTOVER_RE.match(word):
        return False
    if word.isascii():
        return any(ch.isupper() for ch in word)  # 5G, AEM, iRobot; not com, llstszx
    return len(word) >= 2


def extract_keywords(text: str, title: str | None = None, count: int = 8) -> list[str]:
    sentences = [strip_credits(s) for s in split_sentences(_ADDRESS_RE.sub(" ", text))]
    if title:
        sentences.append(title)  # the headline once more: words in it are what the article is about
    counts: Counter[str] = Counter()
    for tokens in tokenize_many([s for s in sentences if s]):
        counts.update(filter(_candidate, tokens))
    weights = {w: n * information(w) * _kind(w, n) for w, n in counts.items()}
    # Ties: the word met first (counts keep first-seen order, and sorted() is stable).
    chosen: list[str] = []
    for word in sorted(weights, key=lambda w: -weights[w]):
        if any(word in longer for longer in chosen):
            continue  # 吕梁 after 吕梁市 says nothing new
        inside = [i for i, shorter in enumerate(chosen) if shorter in word]
        if inside:  # 吕梁市 after 吕梁: the longer name takes the shorter one's place
            chosen[inside[0]] = word
            chosen = [w for i, w in enumerate(chosen) if i not in inside[1:]]
        else:
            chosen.append(word)
        if len(chosen) == count:
            break
    return chosen


def _kind(word: str, count: int) -> float:
    tag = word_tag(word)
    if tag is None:
        # A word jieba's dictionary lacks was put together by its HMM: a name when the article
        # repeats it (张利锋, 熊义志), more often a mis-cut when it appears once (抓实控, 展在市).
        weight = 1.0 if count >= 2 else PLAIN_WEIGHT
    elif tag in NAME_TAGS:
        weight = PROPER_WEIGHT
    elif tag.startswith(PLAIN_TAGS) and tag != "vn":
        weight = PLAIN_WEIGHT
    else:
        weight = 1.0
    if len(word) >= 3 and word.endswith(NAME_ENDINGS):
        weight *= NAME_BOOST
    return weight
