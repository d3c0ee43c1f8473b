"""Whether a short run of Han characters can be a person's name: Chinese names open with a
surname, and a few hundred surnames cover nearly everyone (general knowledge, the common
surnames of the Hundred Family Surnames and of today's registers, not any page's names),
less those that mostly open a word (和, 由, 时, 全, 国…: `全市` is no name).

Used where a byline runs into the text after it (`■本报记者 林飞 为能` / `更好营造…`): the last
word of the line is a name only when it opens with a surname; and where a sign-off's names
are broken over a narrow column's lines or run together (`（王晓蓉 张岸` / `林）`, `（王晓蓉张岸林）`).
"""

from __future__ import annotations

import re

from ..clean import HAN
from ..credits import ROLE_WORDS, SIGN_OFF_LINE_RE

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥栗燕楚鄢劳谌奚皮粟冼蔺郜阚帅屠朴廉祖扈晁芮鹿邸雍辜裘亓邰赫杭嵇昝赖"
)
COMPOUND_SURNAMES = frozenset(("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "西门", "南宫", "独孤", "呼延", "轩辕"))


def opens_with_surname(word: str) -> bool:
    return word[:1] in SURNAMES or word[:2] in COMPOUND_SURNAMES


SIGN_OFF_LINES = 3  # a bracketed sign-off a narrow column breaks is printed on this many lines at most
_ROLE_RE = re.compile(rf"{ROLE_WORDS}|[、:：/]|摄影?$|供图$|报道$|整理$")  # what is no name in a sign-off
_RUN_TOGETHER_RE = re.compile(rf"^[（(]([{HAN}]{{4,15}})[）)]$")


def names_run_together(text: str) -> bool:
    """`text` is two names or more printed without a space, each of two or three Han opening with
    a surname (`王晓蓉张岸林`, `杨双平侯晓雪刘兵王军明`), as an engine that drops a line's spaces prints
    a sign-off's names."""
    def parts(rest: str) -> bool:
        return not rest or any(len(rest) >= n and opens_with_surname(rest[:n]) and parts(rest[n:]) for n in (2, 3))
    return len(text) >= 4 and parts(text)


def sign_off_over(texts: list[str]) -> int:
    """How many of `texts` (lines, in order, at most SIGN_OFF_LINES of them) from the first are one
    bracketed sign-off (`（王晓蓉 张岸` / `林）`, `（王` / `景亮）`, `（王晓蓉张岸林）`): 0 if none is."""
    for n in range(1, min(SIGN_OFF_LINES, len(texts)) + 1):
        parts = [text.strip() for text in texts[:n]]
        if any(not part for part in parts) or any(part[:1] in "（(" for part in parts[1:]) or any(part[-1:] in "）)" for part in parts[:-1]):
            return 0
        for joint in ("", " "):
            joined = joint.join(parts)
            run_together = _RUN_TOGETHER_RE.match(joined)
            if run_together and names_run_together(run_together.group(1)):
                return n
            # Broken over lines, each name opens with a surname (not `（中华人民` / `共和国）`).
            if SIGN_OFF_LINE_RE.match(joined) and (n == 1 or all(opens_with_surname(name) for name in _ROLE_RE.sub(" ", joined[1:-1]).split())):
                return n
    return 0
