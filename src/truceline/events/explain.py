"""Explain an event: the dependency path from its trigger to the words naming its actors."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Token


def dep_path(a: Token, b: Token) -> str:
    """'call -prep-> with -pobj-> Putin' or 'Trump <-poss- call' (heads point to children)."""
    if a.i == b.i:
        return a.text
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    lca_n = next((n for n, t in enumerate(up_a) if t.i in ids_b), None)
    if lca_n is None:
        return f"{a.text} … {b.text}"
    lca = up_a[lca_n]
    rising = up_a[: lca_n + 1]  # a up to the common head
    falling = list(reversed(up_b[: ids_b[lca.i]]))  # below the common head down to b
    parts = [rising[0].text]
    for below, t in pairwise(rising):
        parts.append(f"<-{below.dep_}- {t.text}")
    for t in falling:
        parts.append(f"-{t.dep_}-> {t.text}")
    return " ".join(parts)


def explain(trigger: Token, roles: dict[str, Token | None]) -> str:
    """One line: the trigger and, for each role found, the path that reached it."""
    bits = [f"trigger {trigger.text!r} ({trigger.pos_}, {trigger.dep_} of {trigger.head.text!r})"]
    for role, tok in roles.items():
        if tok is not None:
            bits.append(f"{role}: {dep_path(trigger, tok)}")
    return "; ".join(bits)
