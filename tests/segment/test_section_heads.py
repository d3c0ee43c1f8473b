"""Section heads inside a long feature against short headlines between two unrelated bodies
(digest/segment/repair.py, merge_section_heads)."""

from conftest import make_issue

from digest.segment import segment

# (each line its own: a line printed twice running is read as one drawn twice, clean_lines)
FEATURE = "".join(f"交城县认真贯彻新发展理念，坚定不移实施产业创优战略，做大做强优势产业，培育第{n}个未来支柱产业。\n" for n in "一二三四五六")
FEATURE_GOES_ON = "交城县出台一系列利好政策，为科技创新提供制度保障，全县科技创新氛围渐浓，优势产业不断做大做强。\n"
UNRELATED = "六月一日儿童节，学校组织孩子们走进博物馆，看青铜器、听讲解员讲历史故事，孩子们兴奋地记下笔记。\n"


def test_head_between_two_stretches_sharing_wording_stays_inside_the_feature():
    (article,) = segment(make_issue(f"{FEATURE}政策铺路 校地共建\n科技创新\n{FEATURE_GOES_ON}"))
    assert "\n政策铺路 校地共建\n科技创新\n" in article.text


def test_short_headline_between_unrelated_bodies_heads_the_second_one():
    articles = segment(make_issue(f"{FEATURE}博物馆里过六一\n孩子们看青铜器\n{UNRELATED}"))
    assert [a.text[:6] for a in articles] == ["交城县认真贯", "六月一日儿童"]
    assert articles[1].title == "博物馆里过六一孩子们看青铜器"


def test_enumerated_head_between_stretches_sharing_no_wording_is_no_headline():
    # (the text after it may still be parted off as unrelated, but not under it as a headline)
    articles = segment(make_issue(f"{FEATURE}二、文化惠民\n{UNRELATED}"))
    assert articles[0].text.endswith("\n二、文化惠民") and "文化惠民" not in "".join(a.title or "" for a in articles)
