"""Notices (公告, 通知, 通告) made from templates, with a signature block and a date.

The real pool has a single notice (in the sample issues), too few to measure on, so notices
are composed here from a few stock sentences of such public notices, filled with a topic and
an office. Their ids (`notice:N`) go through the same split as the real articles.
"""

from __future__ import annotations

import datetime as dt
import random

from .sources import Piece

TOPICS = ("营商环境投诉举报监督专线", "城区集中供热设施检修", "2025年度公开招聘事业单位工作人员", "城市道路占道施工交通管制",
          "重点时段森林防火", "第三次全国土壤普查入户调查", "农村集体经济组织成员身份确认", "市区主干道夜间施工",
          "医疗保障信息系统升级", "机动车尾气排放检测", "汛期地质灾害防范", "中小学校招生入学工作")
OFFICES = (("中共吕梁市纪律检查委员会", "吕梁市监察委员会"), ("中共吕梁市委办公室",), ("吕梁市人民政府办公室",),
           ("吕梁市住房和城乡建设局",), ("吕梁市公安局交通警察支队",), ("离石区人民政府",), ("孝义市应急管理局",),
           ("吕梁市人力资源和社会保障局",), ("汾阳市教育局",))
KINDS = ("公告", "通知", "通告")
SENTENCES = (
    "为进一步做好{t}工作，切实维护人民群众合法权益，根据有关规定，现将有关事项{k}如下。",
    "一、本次{t}工作自即日起开始，至{m}月{d}日结束，请广大市民群众予以理解和支持。",
    "二、{t}期间，相关单位要严格落实工作责任，细化工作措施，确保各项工作有序推进。",
    "三、对工作中发现的问题，有关部门将依法依规及时处理，处理结果向社会公开。",
    "四、欢迎社会各界监督，监督电话0358-82{n:05d}，受理时间为工作日上午8时至12时、下午3时至6时。",
    "五、本{k}由{o}负责解释，未尽事宜另行{k}。",
    "特此{k}。",
)


def make(split: str, count: int = 20) -> list[Piece]:
    rng = random.Random("notices")  # the same notices every run, whatever the page seed
    pieces = []
    for i in range(count):
        topic, offices, kind = rng.choice(TOPICS), rng.choice(OFFICES), rng.choice(KINDS)
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
        fill = {"t": topic, "k": kind, "m": day.month, "d": day.day, "n": rng.randrange(100000), "o": offices[-1]}
        chosen = [SENTENCES[0]] + sorted(rng.sample(SENTENCES[1:5], rng.randint(2, 4)), key=SENTENCES.index) + list(SENTENCES[5:])
        paragraphs = [s.format(**fill) for s in chosen]
        piece = Piece(id=f"notice:{i}", kind="notice", paragraphs=paragraphs, title=f"{offices[0]}关于{topic}的{kind}",
                      signature=[*offices, f"{day.year}年{day.month}月{day.day}日"], lvliang=True)
        if piece.split == split:
            pieces.append(piece)
    return pieces
