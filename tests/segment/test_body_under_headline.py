"""The first lines of a body under its headline, short and unpunctuated as headline lines
are, but set to the column's width (digest/segment/lines.py, _demote_body_candidates)."""

from conftest import make_issue

from digest.segment import segment

BODY = (
    "况，现场协调解决企业在用工、资金、物流等\n"
    "方面遇到的困难和问题，推动全县工业经济稳\n"
    "定运行、持续向好发展。\n"
    "调研组一行先后来到多家重点企业，走进生产\n"
    "车间，察看生产线运行，听取企业负责人汇报\n"
    "详细了解订单和用工情况。\n"
)


def test_two_unpunctuated_first_lines_under_a_headline_are_the_bodys_text():
    text = "工业企业复工复产\n交城调研督导\n县委书记王某带领调研组一行深入全县工业企\n业车间详细了解企业生产经营和项目建设情\n" + BODY
    (article,) = segment(make_issue(text))
    assert article.text.startswith("县委书记王某带领调研组")
    assert article.title == "工业企业复工复产交城调研督导"
