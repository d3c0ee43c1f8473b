"""The cut's decisions on text read from `pdftotext -layout`'s columns (layout-mode text), each on a
tiny page of two columns shaped like the generated pages that need it (docs/segmentation.md,
"Layout-mode text, a fifteenth pass")."""

from digest.ingest import text_pages
from digest.model import Issue, PageStart
from digest.segment import segment

MASTHEAD = "吕梁日报 2025年5月13日 星期二 第2版 要闻"
WIDTH = 12  # characters a column's line


def _column(*paragraphs: str) -> list[str]:
    return [p[i : i + WIDTH] for p in paragraphs for i in range(0, len(p), WIDTH)]


def _page(left: list[str], right: list[str], gutter: int = 6) -> str:
    """Two columns side by side, as `pdftotext -layout` prints them: padded to their cells."""
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    body = "\n".join((a.ljust(WIDTH) + " " * gutter + b).rstrip() for a, b in zip(left, right))
    return f"{MASTHEAD}\n\n{body}\n"


def _issue(page: str) -> Issue:
    text, pages = text_pages(page)
    assert any(p.layout for p in pages)  # read from columns
    return Issue(source="2025-05-13_layout.txt", path="2025-05-13_layout.txt", raw=text, encoding="utf-8", pages=pages)


LEFT_HEAD, RIGHT_HEAD = "城东新区启动垃圾分类兑换积分活动", "西山公园新建健身步道正式开放"
RIGHT = [RIGHT_HEAD[:7], RIGHT_HEAD[7:], "", *_column("本报讯（记者 李娜）西山公园新建的健身步道日前正式开放，市民晨练有了新去处。据介绍，步道全长五公里，沿途设有休息亭。")]


def test_a_paragraph_opening_with_another_storys_headline_stays_in_its_story_read_from_columns(rules_only):
    # Raw text prints headlines apart from their bodies, so a paragraph that opens with a headline's
    # words and shares none with the text above starts that headline's article (split_at_headlines).
    # Text read from columns reads each story under its own headline: the paragraph is its story's.
    left = [LEFT_HEAD[:8], LEFT_HEAD[8:], "", *_column(
        "本报讯（记者 王涛）近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。活动现场，居民纷纷拿出分好类的垃圾兑换生活用品。",
        "　　西山公园新建健身步道正式开放后，每天都有人来散步。")]
    ours, theirs = segment(_issue(_page(left, RIGHT)))
    assert ours.title == LEFT_HEAD and ours.text.endswith("每天都有人来散步。")
    assert theirs.title == RIGHT_HEAD and theirs.text.startswith("西山公园新建的健身步道")


def test_a_photo_credit_read_under_a_story_from_columns_ends_no_caption_of_it(rules_only):
    # Raw text prints a caption over its credit, so the paragraph over `记者 X 摄` is a photo's
    # caption and is cut off the story. Read from columns, the credit of a picture set in the
    # story comes after the story's text: its last paragraph is the story's own.
    left = [LEFT_HEAD[:8], LEFT_HEAD[8:], "", *_column(
        "本报讯（记者 王涛）近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。",
        "　　活动现场，居民纷纷拿出分好类的垃圾兑换生活用品，志愿者逐一称重登记积分。"), "本报记者 杜爱清 摄"]
    issue = _issue(_page(left, RIGHT))
    ours, theirs = segment(issue)
    assert ours.title == LEFT_HEAD and ours.kind != "photo" and ours.text.endswith("志愿者逐一称重登记积分。")
    assert theirs.title == RIGHT_HEAD
    assert "杜爱清" in " ".join(u.text for u in issue.unassigned)  # nothing lost


def test_a_photo_credit_read_inside_a_sentence_of_a_story_from_columns_is_passed_over(rules_only):
    # A picture set in a column, its credit read from columns between two lines of one sentence of
    # the story (`…号召居` / `本报记者 杜爱清 摄` / `民齐心协力…`): the story's text runs on across it.
    story = _column("本报讯（记者 王涛）近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。活动现场，居民纷纷拿出分好类的垃圾兑换生活用品。")
    left = [LEFT_HEAD[:8], LEFT_HEAD[8:], "", *story[:3], "本报记者 杜爱清 摄", *story[3:]]
    issue = _issue(_page(left, RIGHT))
    ours, theirs = segment(issue)
    assert ours.title == LEFT_HEAD and "号召居民齐心协力" in ours.text and ours.text.endswith("兑换生活用品。")
    assert theirs.title == RIGHT_HEAD
    assert "杜爱清" in " ".join(u.text for u in issue.unassigned)  # nothing lost


def test_a_caption_the_reader_set_apart_over_its_credit_is_still_a_caption_read_from_columns(rules_only):
    # ...unless the paragraph over the credit opens a story of the reader's (a blank row over it
    # in the reading order: a block of the column not joined to the text above): a caption set
    # apart from the story's text. Given here as the reader writes it, the page marked read from columns.
    story = _column("本报讯（记者 王涛）近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。活动现场，居民纷纷拿出分好类的垃圾兑换生活用品。")
    text = "\n".join([LEFT_HEAD[:8], LEFT_HEAD[8:], *story, "", *_column("图为居民在回收点排队称重登记。"), "本报记者 杜爱清 摄"]) + "\n"
    issue = Issue(source="2025-05-13_layout.txt", path="2025-05-13_layout.txt", raw=text, encoding="utf-8", pages=[PageStart(line=1, layout=True)])
    ours, caption = segment(issue)
    assert ours.title == LEFT_HEAD and ours.text.endswith("兑换生活用品。")
    assert caption.kind == "photo" and caption.text == "图为居民在回收点排队称重登记。" and caption.byline == "杜爱清"


def test_a_headline_matching_no_body_is_not_read_back_into_one_whose_first_line_is_indented_in_its_column():
    # A headline line that matched no body, right above one, as wide as a column's line, is read
    # back into that body as its first line (a first line short of its column's end reads as a
    # headline candidate). Read from columns, a body whose first line is indented in its column
    # (two cells in, more than the line under it: a paragraph's first line) starts there: the
    # line above is no line of its text (it is left to head it, or to stay unmatched).
    from digest.clean import CleanLine
    from digest.segment.pieces import Chain, Piece
    from digest.segment.rejoin import first_lines_back

    head = "暖心陪伴共度佳节时光"
    texts = ["六月一日，儿童节，像往", "常一样，孩子们依偎在爸妈", "怀里撒娇，在游乐场欢笑。"]

    def read(indent: int, head_indent: int = 0) -> tuple[list[str], list[str]]:
        over = CleanLine(head, 1, float(len(head)), indent=head_indent)
        lines = [CleanLine(t, n, float(len(t)), indent=indent if n == 2 else 0) for n, t in enumerate(texts, 2)]
        body = Piece(lines=lines)
        paragraphs = ["".join(texts)]
        above = {id(line): upper for upper, line in zip([over, *lines], lines)}
        left = first_lines_back([body], [paragraphs], [Chain(lines=[head], after=body)], [head], above)
        return left, paragraphs

    assert read(2) == ([head], ["".join(texts)])
    assert read(0) == ([], [head + "".join(texts)])  # flush: a first line broken off, as before
    assert read(2, head_indent=2) == ([], [head + "".join(texts)])  # indented itself: the paragraph's first line


def test_a_line_opening_with_an_opening_mark_is_not_read_as_indented_by_its_place():
    # An opening mark is set in the right of its em: pdftotext -layout prints a line opening with
    # one a cell or two right of its column's edge, indented or not (lay19-457). Every opening
    # mark segment/lines knows (`〈`, `［` too), not a list of its own.
    from digest.clean import CleanLine
    from digest.segment.rejoin import opens_indented

    under = CleanLine("常一样，孩子们依偎在爸妈", 2, 12.0)
    for first, indented in (("六月一日，儿童节，像往", True), ("“六一”儿童节，像往", False), ("〈六一〉儿童节，像往", False), ("［六一］儿童节，像往", False)):
        assert opens_indented([CleanLine(first, 1, float(len(first)), indent=2), under]) == indented


def test_no_article_starts_under_a_photo_credit_read_inside_a_sentence_from_columns(monkeypatch):
    # The credit read from columns between two lines of one sentence is passed over (above); the
    # labeller must not start an article under it either: that cut the story in two at the credit
    # (`…大队抽调` / `（李日明 摄）` / `警用摩托车组成…`, a WeasyPrint flow page). Raw text is as before.
    from digest.clean import CleanLine
    from digest.segment import labeller
    from digest.segment.lines import classify

    story = _column("本报讯（记者 王涛）近日，城东新区启动垃圾分类兑换积分活动，号召居民齐心协力，保护社区环境。活动现场，居民纷纷拿出分好类的垃圾兑换生活用品。")
    texts = [*story[:3], "（李日明 摄）", *story[3:]]
    lines = [CleanLine(t, n, float(len(t))) for n, t in enumerate(texts, 1)]
    tags = classify(lines)
    under = 4
    assert tags[under - 1] == "credit" and tags[under] == "body"

    class Tagger:  # the model reading an article's first line under the credit, sure of it
        def tag(self, features):
            self.labels_ = ["S" if i == under else "B" for i in range(len(features))]
            return self.labels_

        def marginal(self, label, i):
            return 1.0 if self.labels_[i] == label else 0.0

        def labels(self):
            return ["H", "S", "B", "O"]

    monkeypatch.setattr(labeller, "_tagger", lambda path: Tagger())
    assert labeller.relabel(lines, list(tags), layout=[True] * len(lines))[under] == "body"
    assert labeller.relabel(lines, list(tags), layout=[False] * len(lines))[under] == "start"
    # A sentence ended over the credit: the line under it may start an article.
    ended = [CleanLine(t, n, float(len(t))) for n, t in enumerate([*_column("近日，城东新区启动垃圾分类兑换积分活动。"), "（李日明 摄）", *story[3:]], 1)]
    tags = classify(ended)
    under = len(_column("近日，城东新区启动垃圾分类兑换积分活动。")) + 1
    assert tags[under - 1] == "credit"
    assert labeller.relabel(ended, list(tags), layout=[True] * len(ended))[under] == "start"
