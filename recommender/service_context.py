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

import math
import re
from collections.abc import Iterable, Sequence

# One pattern per kind of sign. Single generic words ("call", "phone", "escalation") are
# left out: "on-call rota" and "escalation path" are engineering, not service.
SERVICE_SIGNS: dict[str, re.Pattern[str]] = {
    "channels": re.compile(
        r"\b(?:calls|callers|phone\s+calls|inbound|outbound|helpline|hotline|switchboard|live[\s-]?chats?"
        r"|webchats?|chats|tickets|ticketing|call[\s-]?backs|e-?mail\s+(?:queue|enquiries|inquiries)"
        r"|dms|direct\s+messages|inbox(?:es)?|social\s+media\s+(?:messages|comments|enquiries|inquiries))\b"
        r"|\b(?:phone|e-?mail|web)\s*(?:and|&|/|,)\s*chat\b",
        re.IGNORECASE,
    ),
    "service_team": re.compile(
        r"\b(?:customer|client|member|guest|patient)\s+(?:service|services|support|care|experience|relations)\b"
        r"|\b(?:call|contact|care|support|service|help)\s+(?:cent(?:er|re)s?|desk|line|floor|queue)\b|\bcx\b"
        r"|\bbpo\b",
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
        r"|help\s*scout|zoho\s+desk|service\s+cloud|crm|nice\s+(?:iex|incontact|cxone)|ivr|acd|wfm"
        r"|workforce\s+management)\b",
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


# Work wished for is not work done: "Flight attendant looking to move into a customer care
# job" shows no customer care. Signs count only in the part of a sentence before a wish.
_WISH = re.compile(
    r"\b(?:looking|seeking|hoping|wanting|want|keen|aiming|aspiring|eager|would\s+like|i['’]d\s+like)"
    r"\s+(?:to|for)\b|\bseeking\b"
    r"|\b(?:move|moving|transition|transitioning|switch|switching|career\s+change)\s+(?:in)?to\b"
    r"|\bwhat\s+i\s+want\b|\bobjective\b",
    re.IGNORECASE,
)


# A wish to come into the field from outside: "I'd like to move off the shop floor into a
# customer care team", "looking to move into a contact-centre trainer job".
_INTO_THE_FIELD = re.compile(
    r"\b(?:into|move|moving|transition\w*|switch\w*|change\s+careers?)\b.{0,60}?"
    r"\b(?:customer\s+(?:service|care|support|experience)|contact[\s-]cent(?:er|re)|call[\s-]cent(?:er|re)"
    r"|help\s*desk|cx)\b",
    re.IGNORECASE,
)


def _wishes_for(sentences: Iterable[str], wanted: re.Pattern[str]) -> bool:
    """Whether a sentence states a wish and names ``wanted`` from the wish on (in "Moving
    into customer service after retail" the wish is the move itself)."""
    for sentence in sentences:
        wish = _WISH.search(sentence)
        if wish is not None and wanted.search(sentence[wish.start() :]):
            return True
    return False


def wants_into_the_field(sentences: Iterable[str]) -> bool:
    """Whether the candidate says they want to move into customer service from elsewhere."""
    return _wishes_for(sentences, _INTO_THE_FIELD)


# What someone looking for customer-service work asks for, after the wish: the field, a
# service team's name, or a phone, chat or support job.
_SERVICE_WORK = re.compile(
    r"\b(?:customer|client|member|patient|guest)\s+(?:service|services|care|support|experience|relations|success|operations)\b"
    r"|\b(?:contact|call)[\s-]cent(?:er|re)s?\b|\bhelp\s*(?:desk|line)\b|\bcx\b"
    r"|\b(?:phone|chat|support|service|care|inbound|rep|representative|advis[eo]r)\s+(?:job|role|position|team|work)\b",
    re.IGNORECASE,
)


def seeks_service_work(sentences: Iterable[str]) -> bool:
    """Whether the candidate says they are looking for customer-service work ("looking for a
    remote customer care role", "I'd like a phone or chat role"), from inside the field or not."""
    return _wishes_for(sentences, _SERVICE_WORK)


def work_done(sentence: str) -> str:
    """The part of a sentence before any wish ("... looking to move into customer service")."""
    return _WISH.split(sentence, maxsplit=1)[0]


# A job held in a service team ("Customer Service Rep", "Contact Centre Trainer",
# "Director of Customer Support", "Customer Advisor") is a kind of sign of its own: having
# done the work is more than mentioning it. Only titles are searched.
SERVICE_JOB = re.compile(
    SERVICE_SIGNS["service_team"].pattern
    + r"|\b(?:customer|client|member|guest)\s+(?:advis[eo]r|agent|rep|representative|associate|specialist)\b"
    r"|\b(?:csr|call\s+handler|help\s*desk|customer\s+accounts?)\b",
    re.IGNORECASE,
)


def service_signs(sentences: Iterable[str], titles: Iterable[str] = ()) -> tuple[str, ...]:
    """Which kinds of customer-service sign the sentences (and job titles held) show, in a
    fixed order; ``service_job`` last."""
    text = "\n".join(work_done(sentence) for sentence in sentences)
    kinds = [kind for kind, pattern in SERVICE_SIGNS.items() if pattern.search(text)]
    if any(SERVICE_JOB.search(work_done(title)) for title in titles):
        kinds.append("service_job")
    return tuple(kinds)


def years_in_service_jobs(jobs: Iterable[tuple[str, float]]) -> float:
    """Years spent in jobs titled in a service team ("Customer Service Manager", 2004-2010)."""
    return sum(years for title, years in jobs if SERVICE_JOB.search(work_done(title)))


def service_context(
    sentences: Sequence[str],
    kinds_for_full: int,
    jobs: Sequence[tuple[str, float]] = (),
    years_for_full: float = math.inf,
) -> float:
    """How plainly the candidate has done customer-service work, in [0, 1]: the share of
    ``kinds_for_full`` kinds of sign shown, or of ``years_for_full`` years in service jobs
    when that says more (a director's résumé is about budgets and targets, not calls, but
    sixteen years titled "Director of Customer Service" settle it)."""
    kinds = len(service_signs(sentences, [title for title, _ in jobs])) / max(kinds_for_full, 1)
    tenure = years_in_service_jobs(jobs) / years_for_full if years_for_full > 0 else 0.0
    return min(1.0, max(kinds, tenure))
