"""Plain signs of customer-service work in a candidate's own words.

The embedding evidence (``scoring.domain_evidence``) reads how close each sentence is to a
role skill. Terse agents' bullets ("Answer calls and emails about prescription refills",
"Log every contact in the CRM") land just under the skill threshold, so a real agent
could look like an outsider. The words contact-centre work leaves behind do not depend on
phrasing: channels (calls, chats, tickets), a service team or desk, service metrics
(CSAT, AHT), service tools (Zendesk, a CRM), front-line staff (agents, advisers) and
customers' problems (complaints, refunds).
An engineering director who mentions "customer support" once shows one of these kinds; a
contact-centre résumé shows three or more.

Pure and model-free; it reads only the stored, PII-stripped sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# One pattern per kind of sign. Single generic words ("call", "phone", "escalation") are
# left out: "on-call rota" and "escalation path" are engineering, not service.
SERVICE_SIGNS: dict[str, re.Pattern[str]] = {
    "channels": re.compile(
        r"\b(?:calls|callers|phone\s+calls|inbound|outbound|helpline|hotline|switchboard|live[\s-]?chats?"
        r"|webchats?|chats|tickets|ticketing|call[\s-]?backs|e-?mail\s+(?:queue|enquiries|inquiries))\b"
        r"|\b(?:phone|e-?mail|web)\s*(?:and|&|/|,)\s*chat\b",
        re.IGNORECASE,
    ),
    "service_team": re.compile(
        r"\b(?:customer|client|member|guest|patient)\s+(?:service|services|support|care|experience|relations)\b"
        r"|\b(?:call|contact|care|support|service|help)\s+(?:cent(?:er|re)s?|desk|line|floor|queue)\b|\bcx\b",
        re.IGNORECASE,
    ),
    "metrics": re.compile(
        r"\b(?:csat|nps|aht|fcr|first[\s-](?:call|contact)\s+resolution|handle\s+time|service\s+levels?"
        r"|abandon(?:ment|ed)?\s+(?:rate|calls)|quality\s+scores?|qa\s+scores?|adherence|occupancy"
        r"|satisfaction\s+scores?|customer\s+satisfaction|net\s+promoter|resolution\s+rate)\b",
        re.IGNORECASE,
    ),
    "tools": re.compile(
        r"\b(?:zendesk|freshdesk|genesys|five9|verint|avaya|talkdesk|kustomer|intercom|gorgias|servicenow"
        r"|crm|nice\s+(?:iex|incontact|cxone)|ivr|acd|wfm)\b",
        re.IGNORECASE,
    ),
    "front_line_staff": re.compile(
        r"\b(?:agents|advis[eo]rs|csrs|customer\s+service\s+(?:reps|representatives)|call\s+handlers)\b",
        re.IGNORECASE,
    ),
    "customer_problems": re.compile(
        r"\b(?:complaints?|queries|enquiries|inquiries|refunds?|billing|irate|angry|upset|unhappy"
        r"|de-?escalat\w+)\b",
        re.IGNORECASE,
    ),
}


def service_signs(sentences: Iterable[str]) -> tuple[str, ...]:
    """Which kinds of customer-service sign the sentences show, in a fixed order."""
    text = "\n".join(sentences)
    return tuple(kind for kind, pattern in SERVICE_SIGNS.items() if pattern.search(text))


def service_context(sentences: Iterable[str], kinds_for_full: int) -> float:
    """Share of ``kinds_for_full`` kinds of sign shown, in [0, 1]."""
    return min(1.0, len(service_signs(sentences)) / max(kinds_for_full, 1))
