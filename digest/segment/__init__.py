"""Cut an issue's cleaned lines into articles and give each its headline.

E-paper text comes in reading order of text boxes, not of stories: headlines are often
printed after their bodies, several at once, so a headline is matched to the body whose
wording it shares, never by position alone. The stage reads as its modules:

1. `lines`: classify every line (dateline lead, byline, photo credit, sign-off, signature,
   continuation marker, headline candidate, body); `labeller` overrules them where it is sure;
2. `retag`: set tags right over the whole page (a line running on, a credit closing the text
   above, a lead printed twice);
3. `grouping`: group body lines into pieces (`pieces`), cutting at leads, credits, sign-offs and
   headlines (`notes`: a summary or editor's note over a dateline stays its report's);
   `rejoin` and `repair` put pieces the page split or shuffled back together;
4. `headlines`: match headline lines to pieces by shared character bigrams, then name the
   rest from their lead; `kinds`: each article's kind.

`cut.segment` runs these stages in order.
"""

from .cut import segment
from .headlines import generated_title

__all__ = ["segment", "generated_title"]
