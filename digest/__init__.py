"""digest: weekly briefings of Lüliang news from raw e-paper text.

The package reads as the pipeline: ingest -> clean -> segment -> summarize -> enrich ->
render -> deliver; `pipeline.build(BuildConfig)` runs it all.
"""

__version__ = "0.1.0"
