"""The archive: every processed issue and article in one SQLite file, kept across builds.

`digest build` and `digest archive add` record into it (`record`); `digest search` finds
articles in it (`search`), `digest trends` counts them per ISO week (`trends`), and the
briefing compares its week with the week before when the archive holds it (`compare`).
`schema` opens the file and keeps its schema up to date; `tokens` is what the full-text
index holds. The archive is separate from the cache (digest/cache.py): the cache only
saves work, the archive is a record to query.
"""

from .schema import default_path  # recording (record.py) loads the pipeline's modules: imported where used

__all__ = ["default_path"]
