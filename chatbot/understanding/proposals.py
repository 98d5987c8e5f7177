"""Events a model proposes as JSON, validated against the catalogue before anything is applied."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from typing import Any

from chatbot.catalog import Catalog
from chatbot.events import EVENT_TYPES, Event, EventFormatError, event_from_dict, make_constraint

log = logging.getLogger(__name__)

# the event types a model may propose, with the fields it gives: the event's own fields, less an
# item's title (read from the catalogue)
PROPOSABLE: dict[str, tuple[str, ...]] = {
    name: tuple(f.name for f in dataclasses.fields(EVENT_TYPES[name]) if f.name != "title")
    for name in (
        "ItemLiked",
        "ItemRejected",
        "ItemSeen",
        "SimilarRequested",
        "AttributePreferred",
        "AttributeAvoided",
        "ConstraintSet",
        "ConstraintCleared",
        "InterestExpressed",
        "InterestAvoided",
    )
}

EVENT_JSON_SCHEMA: dict[str, Any] = {
    "type": "array",
    "maxItems": 12,
    "items": {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": sorted(PROPOSABLE)}},
    },
}


def validate_proposed_events(raw: str | Any, catalog: Catalog) -> tuple[list[Event], list[str]]:
    """Events a model proposed as JSON, checked against the catalogue: (accepted, rejections).

    The model proposes, Python decides: unknown types, unknown item ids, facet values that are not
    in the catalogue and badly typed constraints are dropped with a reason; nothing here raises.
    """
    problems: list[str] = []
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError as e:
        return [], [f"not JSON: {e.msg}"]
    if isinstance(data, Mapping) and isinstance(data.get("events"), list):
        data = data["events"]
    if not isinstance(data, list):
        return [], ["expected a JSON array of events"]
    accepted: list[Event] = []
    for k, entry in enumerate(data[: EVENT_JSON_SCHEMA["maxItems"]]):
        where = f"event {k}"
        if not isinstance(entry, Mapping) or entry.get("type") not in PROPOSABLE:
            problems.append(f"{where}: type must be one of {', '.join(sorted(PROPOSABLE))}")
            continue
        kind = entry["type"]
        fields = {name: entry.get(name) for name in PROPOSABLE[kind]}
        if "item_id" in fields:
            item_id = str(fields["item_id"])
            if item_id not in catalog:
                problems.append(f"{where}: unknown item id {item_id!r}")
                continue
            fields = {"item_id": item_id, "title": catalog.get(item_id).label}
        if "facet" in fields:
            facet, value = fields["facet"], fields["value"]
            if (
                not isinstance(facet, str)
                or not isinstance(value, str)
                or value not in catalog.facet_values(facet)
            ):
                problems.append(
                    f"{where}: {facet!r}={value!r} is not a facet value in the catalogue"
                )
                continue
            if facet == "genres":
                fields["facet"] = "genre"
        if "text" in fields and (not isinstance(fields["text"], str) or not fields["text"].strip()):
            problems.append(f"{where}: text must be a non-empty string")
            continue
        try:
            if kind == "ConstraintSet":
                accepted.append(make_constraint(str(fields["name"]), fields["value"]))
            else:
                accepted.append(event_from_dict({"type": kind, **fields}))
        except EventFormatError as e:
            problems.append(f"{where}: {e}")
    return accepted, problems
