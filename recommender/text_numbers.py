"""Numbers written in words or digits ("five", "twenty-five", "5.5"), shared by the posting
builder and the résumé parser so both read "two to four years" the same way."""

from __future__ import annotations

import re

NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        (
            *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
            *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
            *("nineteen", "twenty"),
        )
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a": 1, "an": 1})


def number_value(token: str) -> float:
    """ "5", "5.5", "five", "Twenty-five" -> the number (0 for a word that is none)."""
    token = token.casefold().replace("-", " ").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    return float(sum(NUMBER_WORDS.get(part, 0) for part in token.split()))
