"""Vocabulary and behaviour parameters of the demo-data simulation.

Everything the generator can write (enum values, issue types, procedures, policies, message
bodies) and the knobs that shape the conversations (channel mix, how hard each issue type is
for the AI, waiting times) live here, as plain tuples and numpy arrays indexed by integer
codes. The simulation works on those codes; the writer turns them into text.

Policy ids and the first ten issue types are the ones in ``seeds/policies.csv`` and
``seeds/issue_types.csv``. A few issue types are deliberately missing from the seed so that
the project's ``unmapped`` category has something to show.
"""

from __future__ import annotations

import numpy as np

# --- enum domains (index = code) ------------------------------------------------------------

CHANNELS = ("chat", "email", "voice", "sms", "social", "web", "api", "other")
CHAT, EMAIL, VOICE, SMS, SOCIAL, WEB, API, OTHER = range(len(CHANNELS))
# Share of new conversations per channel.
CHANNEL_MIX = np.array([0.34, 0.24, 0.11, 0.07, 0.08, 0.12, 0.03, 0.01])
# Share of conversations a channel routes straight to humans (no AI at all).
HUMAN_ONLY_SHARE = np.array([0.12, 0.24, 0.44, 0.18, 0.30, 0.16, 0.05, 0.50])
# A value outside the contract, written for a share of `other` tickets (-> `unknown`).
UNKNOWN_CHANNEL = "WhatsApp"

TICKET_STATUSES = ("open", "pending", "on_hold", "solved", "closed")
OPEN, PENDING, ON_HOLD, SOLVED, CLOSED = range(len(TICKET_STATUSES))

AUTHOR_TYPES = ("customer", "ai_agent", "human_agent", "system")
CUSTOMER, AI, HUMAN, SYSTEM = range(len(AUTHOR_TYPES))

EVENT_TYPES = (
    "status_changed",
    "assigned",
    "handoff_requested",
    "resolution_confirmed",
    "resolution_rejected",
)
STATUS_CHANGED, ASSIGNED, HANDOFF_REQUESTED, RESOLUTION_CONFIRMED, RESOLUTION_REJECTED = range(len(EVENT_TYPES))

ASSIGNEE_TYPES = ("ai_agent", "human_agent", "queue")
ASSIGNEE_AI, ASSIGNEE_HUMAN, ASSIGNEE_QUEUE = range(len(ASSIGNEE_TYPES))

HANDOFF_REASONS = ("customer_request", "low_confidence", "policy", "sentiment", "other")
CUSTOMER_REQUEST, LOW_CONFIDENCE, POLICY, SENTIMENT, OTHER_REASON = range(len(HANDOFF_REASONS))

ACTION_OUTCOMES = ("succeeded", "failed", "blocked")
SUCCEEDED, FAILED, BLOCKED = range(len(ACTION_OUTCOMES))

POLICY_RESULTS = ("passed", "violated", "overridden", "not_applicable")
PASSED, VIOLATED, OVERRIDDEN, NOT_APPLICABLE = range(len(POLICY_RESULTS))

AGENT_VERSIONS = ("v1.0", "v1.1", "v1.2")
# Release dates as fractions of the generated period; each rolls out over a few days.
VERSION_RELEASES = (0.35, 0.68)
VERSION_ROLLOUT_DAYS = 4.0
# v1.2 is a little better at finishing procedures and breaches policies less often.
VERSION_SUCCESS_SHIFT = np.array([-0.04, 0.0, 0.05])
VERSION_BREACH_SCALE = np.array([1.3, 1.0, 0.6])

# --- policies (seeds/policies.csv) ----------------------------------------------------------

POLICIES = (
    "refund_limit",
    "identity_verification",
    "pii_disclosure",
    "discount_cap",
    "escalation_offer",
    "tone_check",
)
REFUND_LIMIT, IDENTITY, PII, DISCOUNT_CAP, ESCALATION_OFFER, TONE_CHECK = range(len(POLICIES))
POLICY_IS_CRITICAL = np.array([True, True, True, False, False, False])

# --- issue types ----------------------------------------------------------------------------

ISSUE_TYPES = (
    "password_reset",
    "account_access",
    "order_status",
    "shipping_delay",
    "refund",
    "billing_dispute",
    "cancellation",
    "product_question",
    "technical_issue",
    "fraud_report",
    # not in seeds/issue_types.csv -> `unmapped`
    "gift_card",
    "loyalty_points",
    "warranty_claim",
)
NULL_ISSUE = len(ISSUE_TYPES)  # code used for a missing issue_type
N_ISSUE_CODES = NULL_ISSUE + 1

# Per issue code (last entry: null issue_type).
ISSUE_MIX = np.array([0.13, 0.07, 0.18, 0.09, 0.11, 0.06, 0.06, 0.125, 0.08, 0.025, 0.025, 0.015, 0.015, 0.015])
# Probability that the AI's procedure completes.
ISSUE_AI_SUCCESS = np.array([0.90, 0.64, 0.88, 0.68, 0.44, 0.32, 0.60, 0.78, 0.47, 0.24, 0.56, 0.62, 0.46, 0.56])
# Probability that the customer asks for a person before the AI gets anywhere.
ISSUE_ASK_HUMAN = np.array([0.03, 0.08, 0.04, 0.10, 0.19, 0.28, 0.13, 0.05, 0.11, 0.36, 0.10, 0.08, 0.14, 0.10])
# Share of procedure failures that are a guardrail block rather than a plain failure.
ISSUE_BLOCK_SHARE = np.array([0.35, 0.40, 0.10, 0.15, 0.55, 0.45, 0.20, 0.05, 0.05, 0.60, 0.20, 0.20, 0.30, 0.10])
# Probability that the AI hands off after a failed (not blocked) procedure.
ISSUE_HANDOFF_ON_FAILURE = np.array(
    [0.35, 0.50, 0.40, 0.50, 0.65, 0.70, 0.55, 0.35, 0.55, 0.80, 0.50, 0.45, 0.55, 0.45]
)
# Channel-specific tilt of the issue mix (multiplies ISSUE_MIX, then renormalised).
CHANNEL_ISSUE_TILT = {
    VOICE: {5: 1.8, 9: 2.2, 4: 1.3, 0: 0.6},
    EMAIL: {4: 1.4, 5: 1.4, 6: 1.3, 0: 0.7},
    CHAT: {0: 1.3, 2: 1.2, 7: 1.2},
    SOCIAL: {3: 1.6, 2: 1.3, 9: 0.6},
}

# Channel effects on the AI.
CHANNEL_SUCCESS_SHIFT = np.array([0.02, 0.0, -0.10, -0.04, -0.06, 0.02, 0.03, -0.05])
CHANNEL_ASK_HUMAN_SCALE = np.array([1.0, 0.8, 1.6, 1.0, 1.3, 1.0, 0.5, 1.2])
# Probability that the customer walks away in the middle of the AI conversation.
CHANNEL_DROP = np.array([0.07, 0.05, 0.05, 0.10, 0.10, 0.08, 0.03, 0.08])
# Probability that a handoff is picked up by a person at all.
CHANNEL_HANDOFF_SERVED = np.array([0.88, 0.90, 0.92, 0.78, 0.74, 0.86, 0.85, 0.80])

# --- timing (seconds) per channel -----------------------------------------------------------

AI_LATENCY = np.array([[3, 9], [60, 600], [3, 5], [5, 40], [10, 120], [3, 9], [3, 6], [10, 300]])
CUSTOMER_THINK_MEDIAN = np.array([45, 3 * 3600, 15, 240, 900, 60, 30, 3600], dtype=float)
HUMAN_WAIT_MEDIAN = np.array([6 * 60, 5 * 3600, 3 * 60, 30 * 60, 2 * 3600, 8 * 60, 10 * 60, 3 * 3600], dtype=float)

# --- procedures: steps (action, policy) per procedure ---------------------------------------

ACTIONS = (
    "classify_intent",
    "verify_identity",
    "send_reset_link",
    "unlock_account",
    "update_account_email",
    "lookup_order",
    "get_tracking_status",
    "offer_discount",
    "check_refund_eligibility",
    "issue_refund",
    "lookup_invoice",
    "issue_credit",
    "offer_retention_discount",
    "cancel_subscription",
    "search_knowledge_base",
    "compose_answer",
    "run_diagnostics",
    "create_bug_report",
    "freeze_account",
    "lookup_transactions",
    "check_balance",
    "send_reply",
    "handoff_to_human",
    "confirm_email_delivery",
    "settle_refund",
    "settle_credit",
    "stop_billing",
)
_A = {name: i for i, name in enumerate(ACTIONS)}
NO_POLICY = -1

# procedure name -> steps; the issue -> procedure map is PROCEDURE_OF_ISSUE.
_PROCEDURES: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    ("password_reset", (("verify_identity", IDENTITY), ("send_reset_link", NO_POLICY))),
    (
        "account_recovery",
        (
            ("verify_identity", IDENTITY),
            ("unlock_account", IDENTITY),
            ("update_account_email", PII),
        ),
    ),
    ("order_tracking", (("lookup_order", PII), ("get_tracking_status", NO_POLICY))),
    (
        "shipping_delay_followup",
        (
            ("lookup_order", PII),
            ("get_tracking_status", NO_POLICY),
            ("offer_discount", DISCOUNT_CAP),
        ),
    ),
    (
        "refund_request",
        (
            ("lookup_order", PII),
            ("check_refund_eligibility", REFUND_LIMIT),
            ("issue_refund", REFUND_LIMIT),
        ),
    ),
    (
        "billing_dispute_review",
        (
            ("verify_identity", IDENTITY),
            ("lookup_invoice", PII),
            ("issue_credit", REFUND_LIMIT),
        ),
    ),
    (
        "cancel_subscription",
        (
            ("verify_identity", IDENTITY),
            ("offer_retention_discount", DISCOUNT_CAP),
            ("cancel_subscription", NO_POLICY),
        ),
    ),
    ("knowledge_answer", (("search_knowledge_base", NO_POLICY), ("compose_answer", TONE_CHECK))),
    (
        "troubleshooting",
        (
            ("search_knowledge_base", NO_POLICY),
            ("run_diagnostics", NO_POLICY),
            ("create_bug_report", NO_POLICY),
        ),
    ),
    (
        "fraud_report_intake",
        (
            ("verify_identity", IDENTITY),
            ("freeze_account", IDENTITY),
            ("lookup_transactions", PII),
        ),
    ),
    ("gift_card_balance", (("verify_identity", IDENTITY), ("check_balance", PII))),
    ("general_inquiry", (("search_knowledge_base", NO_POLICY), ("compose_answer", TONE_CHECK))),
)
PROCEDURES = tuple(name for name, _ in _PROCEDURES) + ("triage", "reply", "escalation")
PROC_TRIAGE, PROC_REPLY, PROC_ESCALATION = (
    len(_PROCEDURES),
    len(_PROCEDURES) + 1,
    len(_PROCEDURES) + 2,
)
MAX_STEPS = max(len(steps) for _, steps in _PROCEDURES)
PROC_N_STEPS = np.array([len(steps) for _, steps in _PROCEDURES])
PROC_ACTION = np.full((len(_PROCEDURES), MAX_STEPS), -1, dtype=np.int16)
PROC_POLICY = np.full((len(_PROCEDURES), MAX_STEPS), NO_POLICY, dtype=np.int16)
for _p, (_name, _steps) in enumerate(_PROCEDURES):
    for _s, (_action, _policy) in enumerate(_steps):
        PROC_ACTION[_p, _s] = _A[_action]
        PROC_POLICY[_p, _s] = _policy
PROC_HAS_POLICY_STEP = np.any(PROC_POLICY >= 0, axis=1)

# The trace marks is_final_step on the last step of a procedure that changes something (a
# reset link sent, a refund issued, a subscription cancelled), whether that step succeeds or
# fails: a failure there is a failed final step. A failure at an earlier step never reaches
# the final step. Read-only procedures (an answer, a lookup) have no final state to reach and
# leave the flag empty, like triage and reply.
_READ_ONLY_PROCEDURES = ("order_tracking", "knowledge_answer", "gift_card_balance", "general_inquiry")
PROC_MARKS_FINAL = np.array([name not in _READ_ONLY_PROCEDURES for name, _ in _PROCEDURES])

# Follow-up step of the same procedure after its final step succeeded: the payment provider
# settles the refund or credit, the billing system stops charging, the mail server reports the
# reset email delivered. It usually succeeds; now and then it fails or a guardrail blocks it
# (the refund is reversed, the email bounces) while the AI has already told the customer it is
# done, so the conversation still looks resolved but the workflow did not complete.
_FOLLOW_UPS = {
    "password_reset": ("confirm_email_delivery", NO_POLICY),
    "account_recovery": ("confirm_email_delivery", NO_POLICY),
    "refund_request": ("settle_refund", REFUND_LIMIT),
    "billing_dispute_review": ("settle_credit", REFUND_LIMIT),
    "cancel_subscription": ("stop_billing", NO_POLICY),
}
_NO_FOLLOW_UP = ("", NO_POLICY)
PROC_FOLLOW_UP = np.array([_A.get(_FOLLOW_UPS.get(name, _NO_FOLLOW_UP)[0], -1) for name, _ in _PROCEDURES])
PROC_FOLLOW_UP_POLICY = np.array([_FOLLOW_UPS.get(name, _NO_FOLLOW_UP)[1] for name, _ in _PROCEDURES])
# Share of follow-ups that fail or are blocked (blocked only where the follow-up checks a policy).
FOLLOW_UP_FAIL_RATE = 0.12
FOLLOW_UP_BLOCK_SHARE = 0.4

_PROC = {name: i for i, name in enumerate(PROCEDURES)}
PROCEDURE_OF_ISSUE = np.array(
    [
        _PROC["password_reset"],
        _PROC["account_recovery"],
        _PROC["order_tracking"],
        _PROC["shipping_delay_followup"],
        _PROC["refund_request"],
        _PROC["billing_dispute_review"],
        _PROC["cancel_subscription"],
        _PROC["knowledge_answer"],
        _PROC["troubleshooting"],
        _PROC["fraud_report_intake"],
        _PROC["gift_card_balance"],
        _PROC["general_inquiry"],
        _PROC["general_inquiry"],
        _PROC["general_inquiry"],
    ]
)
ACTION_CLASSIFY = _A["classify_intent"]
ACTION_SEND_REPLY = _A["send_reply"]
ACTION_HANDOFF = _A["handoff_to_human"]

# Policy check of a step that went through: violated-but-not-blocked is rare for critical
# policies (that is a breach) and more common for warnings.
CRITICAL_VIOLATION_RATE = 0.018
NONCRITICAL_VIOLATION_RATE = 0.03
OVERRIDDEN_RATE = 0.02
NOT_APPLICABLE_RATE = 0.12

# --- CSAT score distributions (scores 1..5) -------------------------------------------------

CSAT_RESPONSE_RATE = 0.15
CSAT_GOOD_AI = np.array([0.02, 0.03, 0.10, 0.30, 0.55])
CSAT_POOR_AI = np.array([0.30, 0.25, 0.22, 0.13, 0.10])
CSAT_HUMAN = np.array([0.05, 0.07, 0.13, 0.30, 0.45])

# --- message bodies: short synthetic text, no personal data ---------------------------------

_OPENING = {
    "password_reset": ("I forgot my password and cannot log in.", "Password reset link please."),
    "account_access": ("My account is locked.", "I cannot get into my account anymore."),
    "order_status": ("Where is my order?", "Can you tell me the status of my order?"),
    "shipping_delay": ("My parcel is late.", "The delivery was supposed to arrive days ago."),
    "refund": ("I would like a refund for my last order.", "Please refund the item I returned."),
    "billing_dispute": ("I was charged twice this month.", "There is a charge I do not recognise."),
    "cancellation": ("Please cancel my subscription.", "How do I cancel my plan?"),
    "product_question": ("Does this product work with the older model?", "Question about sizes."),
    "technical_issue": ("The app crashes when I open it.", "The page keeps showing an error."),
    "fraud_report": ("Someone used my card without permission.", "I think my account was hacked."),
    "gift_card": ("My gift card code does not work.", "How much is left on my gift card?"),
    "loyalty_points": ("My points are missing.", "How do I use my loyalty points?"),
    "warranty_claim": ("My device broke within warranty.", "How do I make a warranty claim?"),
    "none": ("Hello, I need some help.", "Hi, quick question."),
}
BODIES: dict[str, tuple[str, ...]] = {f"open_{k}": v for k, v in _OPENING.items()}
BODIES.update(
    {
        "spam": ("WIN A FREE PRIZE click here now", "test test test", "Buy followers cheap"),
        "system_start": ("Conversation started.", "You are chatting with our virtual assistant."),
        "system_transfer": ("Conversation transferred to the support queue.",),
        "system_merged": ("This ticket was merged into another ticket.",),
        "system_auto_close": ("Ticket closed automatically after inactivity.",),
        "ai_greeting": (
            "Hi! I am the virtual assistant. Let me look into this.",
            "Thanks for reaching out, I can help with that.",
        ),
        "ai_clarify": (
            "Could you share the order number?",
            "Can you confirm the email on file?",
            "What do you see on your screen?",
        ),
        "cust_detail": (
            "Here it is.",
            "Sure, one moment.",
            "I already tried that.",
            "It is the one from last week.",
        ),
        "ai_resolved": (
            "Done, your request has been completed. Anything else?",
            "All set. You should see the change within a few minutes.",
        ),
        "ai_generic": (
            "Here is a help article that should answer this.",
            "You can find the steps in our help center.",
        ),
        "ai_cannot": ("I am not able to do that here. Please check our help center.",),
        "ai_handoff": (
            "Let me connect you with a member of our team.",
            "I am passing this to a colleague who can help.",
        ),
        "ai_retry": ("Sorry to hear that. Let me try again.", "Let me take another look."),
        "ai_reply": ("Happy to help with that too.",),
        "cust_ask_human": (
            "Can I talk to a real person please?",
            "Agent please.",
            "I want to speak to a human.",
        ),
        "cust_thanks": ("Thanks, that helped!", "Great, thank you.", "Perfect, thanks."),
        "cust_return": (
            "Hi again, the problem is back.",
            "This did not fix my issue.",
            "It still does not work.",
        ),
        "cust_waiting": ("Hello? Is anyone there?", "Still waiting for an answer."),
        "cust_new_question": ("One more question about something else.",),
        "human_reply": (
            "Hi, this is the support team. I am looking into it now.",
            "Thanks for your patience, I can help from here.",
        ),
        "human_followup": (
            "Could you send a screenshot?",
            "I have checked this on our side.",
            "One more detail and we are done.",
        ),
        "human_resolved": (
            "All sorted on our side. Let us know if anything else comes up.",
            "This is fixed now. Have a good day.",
        ),
        "human_pending": ("We need a bit more information from you to continue.",),
        "human_note": (
            "Internal: checked the account history.",
            "Internal: asked billing for a second look.",
        ),
    }
)
BODY_TEXTS: tuple[str, ...] = tuple(text for texts in BODIES.values() for text in texts)
BODY_BASE: dict[str, tuple[int, int]] = {}
_offset = 0
for _key, _texts in BODIES.items():
    BODY_BASE[_key] = (_offset, len(_texts))
    _offset += len(_texts)
OPEN_BODY_KEYS = tuple(f"open_{k}" for k in ISSUE_TYPES) + ("open_none",)

# --- messy spelling ------------------------------------------------------------------------


def spellings(values: tuple[str, ...]) -> tuple[str, ...]:
    """Four spellings per value: canonical, ' Title', 'UPPER', 'Title ' (code*4 + variant)."""
    out: list[str] = []
    for v in values:
        title = v[:1].upper() + v[1:]
        out += [v, " " + title, v.upper(), title + " "]
    return tuple(out)


N_SPELLINGS = 4

# --- calendar shape ------------------------------------------------------------------------

# Volume by the customer's local weekday and hour (desk_calendar): a channel served by a desk
# of seeds/channel_schedules.csv follows that desk's time zone (seeds/business_schedules.csv:
# chat, email, sms, social and web Europe/London, voice callers America/New_York, whose calls
# peak in their own daytime); api and other have no desk and follow UTC. About half of the
# traffic falls outside the desks' opening hours (nights, weekends), as in a real deployment.
WEEKDAY_WEIGHT = np.array([1.05, 1.10, 1.05, 1.00, 0.95, 0.70, 0.65])  # Monday first
# A holiday of the desk (seeds/business_holidays.csv) is as quiet as a Sunday.
HOLIDAY_WEIGHT = 0.6
HOUR_WEIGHT = np.array(
    [0.25, 0.2, 0.15, 0.15, 0.2, 0.3, 0.5, 0.8, 1.1, 1.4, 1.6, 1.7,
     1.7, 1.8, 1.9, 1.9, 1.8, 1.7, 1.5, 1.3, 1.1, 0.9, 0.6, 0.4]
)  # fmt: skip
GROWTH_OVER_PERIOD = 0.25  # daily volume grows by this share from first to last day

# The desks' calendar used when the generator runs outside a checkout (no dbt project, so no
# seeds to read): a copy of seeds/channel_schedules.csv, the time zones of
# seeds/business_schedules.csv and the holidays of seeds/business_holidays.csv. In a checkout
# the seeds are read instead (desk_calendar), so an edited seed is followed.
DEFAULT_CHANNEL_DESK = {
    "chat": "support_desk",
    "email": "support_desk",
    "sms": "support_desk",
    "social": "support_desk",
    "web": "support_desk",
    "voice": "voice_desk",
}
DEFAULT_DESKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "support_desk": (
        "Europe/London",
        ("2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
         "2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01"),
    ),
    "voice_desk": (
        "America/New_York",
        ("2025-12-25", "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-07-03", "2026-09-07",
         "2026-11-26", "2026-12-25", "2027-01-01"),
    ),
}  # fmt: skip
