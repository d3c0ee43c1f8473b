"""Cut an issue's cleaned lines into articles and give each its headline.

E-paper text comes in reading order of text boxes, not of stories: headlines are often
printed after their bodies, several at once, so a headline is matched to the body whose
wording it shares, never by position alone. The stage reads as its modules:

1. `lines`: classify every line (dateline lead, byline, photo credit, sign-off, signature,
   continuation marker, headline candidate, body);
2. `cut`: group body lines into pieces, cutting at leads, credits, sign-offs and headlines;
   `repair` puts pieces the page split or shuffled back together;
3. `headlines`: match headline lines to pieces by shared character bigrams, then name the
   rest from their lead.
"""

from .cut import segment
from .headlines import generated_title

__all__ = ["segment", "generated_title"]
