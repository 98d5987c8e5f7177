"""The decade left out holds in the vectorised filter masks as in Filters.matches."""

from __future__ import annotations

from chatbot.catalog import Catalog, Item
from chatbot.filters import FilterColumns, Filters


def test_a_decade_left_out_is_masked_like_matches() -> None:
    items = [
        Item(id=f"m{y}", title=f"Film {y}", description="", genres=("Drama",), year=y)
        for y in (1982, 1999, 2000, 2005, 2009, 2010)
    ] + [Item(id="none", title="No year", description="", genres=("Drama",))]
    filters = Filters(decades_none=(2000,))
    mask = FilterColumns(Catalog(items).items).mask(filters)
    assert [i.id for i, ok in zip(items, mask, strict=True) if ok] == ["m1982", "m1999", "m2010"]
    assert [i.id for i in items if filters.matches(i)] == ["m1982", "m1999", "m2010"]
