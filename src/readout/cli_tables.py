"""Tables the CLI prints for people: ids and dates are never cut or wrapped, other text
columns wrap, counts are right-aligned and say "1 article" / "2 articles"."""
from __future__ import annotations

from rich import box
from rich.table import Table

# id, date and count columns keep their full width; text columns wrap to what is left
KEEP = ("id", "date", "count")


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 article', '2 articles' (`many` for an irregular plural)."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def people_table(title: str | None, columns: list[tuple[str, str]], rows: list[list[str]],
                 **kw) -> Table:
    """A table whose `columns` are (header, kind) with kind id, date, count or text."""
    t = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, **kw)
    rows = [[str(x) for x in r] for r in rows]
    for i, (header, kind) in enumerate(columns):
        if kind in KEEP:
            width = max([len(r[i]) for r in rows] + [1])
            if kind == "count":
                # right-aligned by padding: rich does not justify a column it may not crop
                width = max(width, len(header))
                for r in rows:
                    r[i] = r[i].rjust(width)
                header = header.rjust(width)
            t.add_column(header, no_wrap=True, min_width=width, overflow="ignore",
                         justify="right" if kind == "count" else "left")
        else:
            t.add_column(header, overflow="fold", ratio=1)
    for r in rows:
        t.add_row(*r)
    return t


def quoted(text: str) -> str:
    """A quote's text in curly marks, once: marks it already has at either end are not
    doubled, and a straight quote left open inside is closed."""
    inner = text.strip()
    if inner[:1] in "\u201c\"":
        inner = inner[1:]
    if inner[-1:] in "\u201d\"":
        inner = inner[:-1]
    inner = inner.strip()
    if inner.count('"') % 2:
        inner += '"'
    return f"\u201c{inner}\u201d"
