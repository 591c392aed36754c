"""Simulate one chunk of support conversations.

Each ticket walks through a small process: it opens, the AI (or a person) answers, the AI
runs the procedure for the issue type, and depending on what happens the AI solves it, hands
it to a person, or the customer walks away; after a solve the customer may thank, confirm,
reject, reopen or come back later with the same issue on another channel. The simulation is
vectorised per stage: every stage takes an array of ticket indices and appends rows (ticket
index, seconds since ticket creation, integer codes) to the output buffers. Nothing here is
labelled with an outcome: outcomes follow from the rows, through the project's rules.

All randomness comes from the numpy Generator handed in, consumed in a fixed order, so the
same seed gives the same chunk.
"""

from __future__ import annotations

import numpy as np

from ai_resolution.demo import catalog as c
from ai_resolution.demo.chunk import (
    ACTION_COLUMNS,
    CSAT_COLUMNS,
    DAY,
    EVENT_COLUMNS,
    HOUR,
    I64,
    MESSAGE_COLUMNS,
    MINUTE,
    Buffer,
    Chunk,
    match_by_key,
    pick,
    pick_rows,
    uniform_int,
)
from ai_resolution.demo.desk_calendar import desk_calendar, holiday_days, utc_offsets

ROUTE_AI, ROUTE_HUMAN, ROUTE_SPAM, ROUTE_MERGED = range(4)
SPAM_SHARE = 0.01
MERGED_SHARE = 0.01
NO_STATUS_EVENTS_SHARE = 0.03  # tickets from an integration that logs no status changes


def _issue_cum_by_channel() -> np.ndarray:
    table = np.tile(c.ISSUE_MIX, (len(c.CHANNELS), 1))
    for channel, tilt in c.CHANNEL_ISSUE_TILT.items():
        for issue, factor in tilt.items():
            table[channel, issue] *= factor
    return np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)


ISSUE_CUM_BY_CHANNEL = _issue_cum_by_channel()
# Channel of a repeat contact when the customer switches: the mix without the old channel.
OTHER_CHANNEL_CUM = np.cumsum(np.where(np.eye(len(c.CHANNELS), dtype=bool), 0.0, c.CHANNEL_MIX[None, :]), axis=1)
OPEN_BODY_BASE = np.array([c.BODY_BASE[key][0] for key in c.OPEN_BODY_KEYS], dtype=I64)


# --- ticket attributes ---------------------------------------------------------------------


def draw_created(rng: np.random.Generator, channel: np.ndarray, start_s: int, days: int) -> np.ndarray:
    """Creation times: weekday pattern and holidays, slow growth over the period, daytime peaks.

    Days and hours are drawn on the customer's local clock (the channel's desk, see
    ``desk_calendar``), then turned into UTC. A time that lands outside the period (the local
    day starts or ends on the other side of midnight UTC) moves to the same hour of the
    neighbouring day, so every ticket stays inside the period.
    """
    n = len(channel)
    day = np.arange(days)
    start_weekday = int(((start_s // DAY) + 3) % 7)  # 1970-01-01 was a Thursday (3)
    base = c.WEEKDAY_WEIGHT[(start_weekday + day) % 7] * (1.0 + c.GROWTH_OVER_PERIOD * day / max(days - 1, 1))
    calendar = desk_calendar()
    desk_of = np.array([-1 if d is None else d for d in calendar.channel_desk], dtype=I64)[channel]
    d = np.zeros(n, dtype=I64)
    offset = np.zeros(n, dtype=I64)
    for number in range(-1, len(calendar.desks)):
        rows = np.flatnonzero(desk_of == number)
        if number < 0:
            d[rows] = pick(rng, len(rows), base)
            continue
        desk = calendar.desks[number]
        weights = np.where(holiday_days(desk, start_s, days), c.HOLIDAY_WEIGHT, base)
        d[rows] = pick(rng, len(rows), weights)
        offset[rows] = utc_offsets(desk.timezone, start_s, days)[d[rows]]
    h = pick(rng, n, c.HOUR_WEIGHT)
    s = rng.integers(0, HOUR, n)
    created = start_s + d * DAY + h * HOUR + s - offset
    created = np.where(created >= start_s + days * DAY, created - DAY, created)
    return np.where(created < start_s, created + DAY, created)


def version_at(rng: np.random.Generator, created: np.ndarray, start_s: int, days: int) -> np.ndarray:
    """Agent version live at creation time; each release rolls out over a few days."""
    day = (created - start_s) / DAY
    version = np.zeros(len(created), dtype=I64)
    u = rng.random(len(created))
    for v, release in enumerate(c.VERSION_RELEASES, start=1):
        share = np.clip((day - release * days) / c.VERSION_ROLLOUT_DAYS, 0.0, 1.0)
        version = np.where(u < share, v, version)
    return version


def draw_tickets(
    rng: np.random.Generator,
    n: int,
    customer_cum: np.ndarray,
    start_s: int,
    days: int,
    release_period: tuple[int, int] | None = None,
) -> Chunk:
    """The tickets of a chunk before their conversations are simulated.

    ``release_period`` (start_s, days) is the period the agent releases are spread over; by
    default the chunk's own. An appended batch passes the whole history, so its tickets meet
    the versions live after it rather than a release schedule squeezed into a few days.
    """
    channel = pick(rng, n, c.CHANNEL_MIX)
    created = draw_created(rng, channel, start_s, days)
    customer = np.searchsorted(customer_cum, rng.random(n) * customer_cum[-1], side="right") + 1
    issue = pick_rows(rng, ISSUE_CUM_BY_CHANNEL, channel)
    version = version_at(rng, created, *(release_period or (start_s, days)))
    u = rng.random(n)
    human = rng.random(n) < c.HUMAN_ONLY_SHARE[channel]
    route = np.where(human, ROUTE_HUMAN, ROUTE_AI)
    route = np.where(u < SPAM_SHARE + MERGED_SHARE, ROUTE_MERGED, route)
    route = np.where(u < SPAM_SHARE, ROUTE_SPAM, route)
    has_status_events = rng.random(n) >= NO_STATUS_EVENTS_SHARE
    agent = rng.integers(1, 61, n)
    return Chunk(created, customer.astype(I64), channel, issue, version, route, has_status_events, agent)


# --- the conversation simulation -----------------------------------------------------------


class ConversationSim:
    """Simulates the conversations of one chunk, stage by stage."""

    def __init__(self, rng: np.random.Generator, chunk: Chunk) -> None:
        self.rng = rng
        self.k = chunk
        n = chunk.n
        self.t = np.zeros(n, dtype=I64)  # per-ticket clock: seconds since creation
        self.first_solve = np.full(n, -1, dtype=I64)
        self.spawn_repeat = np.zeros(n, dtype=bool)
        self.messages = Buffer(MESSAGE_COLUMNS)
        self.events = Buffer(EVENT_COLUMNS)
        self.actions = Buffer(ACTION_COLUMNS)
        self.csat = Buffer(CSAT_COLUMNS)

    # - small helpers -

    def chance(self, idx: np.ndarray, p: float | np.ndarray) -> np.ndarray:
        return self.rng.random(len(idx)) < p

    def uniform(self, idx: np.ndarray, lo: object, hi: object) -> np.ndarray:
        return uniform_int(self.rng, len(idx), lo, hi)

    def body(self, idx: np.ndarray, key: str) -> np.ndarray:
        base, count = c.BODY_BASE[key]
        return base + self.rng.integers(0, count, len(idx))

    def think(self, idx: np.ndarray, scale: float = 1.0) -> np.ndarray:
        median = c.CUSTOMER_THINK_MEDIAN[self.k.channel[idx]] * scale
        secs = median * np.exp(0.8 * self.rng.standard_normal(len(idx)))
        return np.maximum(np.round(secs), 3).astype(I64)

    def ai_latency(self, idx: np.ndarray) -> np.ndarray:
        bounds = c.AI_LATENCY[self.k.channel[idx]]
        return self.uniform(idx, bounds[:, 0], bounds[:, 1])

    def human_wait(self, idx: np.ndarray) -> np.ndarray:
        median = c.HUMAN_WAIT_MEDIAN[self.k.channel[idx]]
        secs = median * np.exp(1.0 * self.rng.standard_normal(len(idx)))
        return np.maximum(np.round(secs), 20).astype(I64)

    # - row emitters -

    def say(self, idx: np.ndarray, at: np.ndarray, author: int, key: str, public: int = 1) -> None:
        self.messages.add(tix=idx, off=at, author=author, public=public, body=self.body(idx, key))

    def event(self, idx: np.ndarray, at: np.ndarray, etype: int, **codes: object) -> None:
        self.events.add(tix=idx, off=at, etype=etype, **codes)

    def set_status(self, idx: np.ndarray, at: np.ndarray, status: int | np.ndarray, actor: object) -> None:
        self.event(idx, at, c.STATUS_CHANGED, actor=actor, status=status)

    def solve(self, idx: np.ndarray, at: np.ndarray, actor: object) -> None:
        status = np.where(self.chance(idx, 0.15), c.CLOSED, c.SOLVED)
        self.set_status(idx, at, status, actor)
        self.t[idx] = at
        first = self.first_solve[idx]
        self.first_solve[idx] = np.where(first < 0, at, first)

    def customer_says(self, idx: np.ndarray, key: str) -> None:
        self.t[idx] += self.think(idx)
        self.say(idx, self.t[idx], c.CUSTOMER, key)

    def ai_says(self, idx: np.ndarray, key: str) -> None:
        self.t[idx] += self.ai_latency(idx)
        self.say(idx, self.t[idx], c.AI, key)

    def human_says(self, idx: np.ndarray, key: str) -> None:
        self.t[idx] += self.think(idx, scale=0.5) + 20
        self.say(idx, self.t[idx], c.HUMAN, key)

    # - top level -

    def run(self) -> Chunk:
        k = self.k
        everyone = np.arange(k.n, dtype=I64)
        self.open_conversations(everyone)
        self.run_spam(everyone[k.route == ROUTE_SPAM])
        self.run_merged(everyone[k.route == ROUTE_MERGED])
        self.human_service(everyone[k.route == ROUTE_HUMAN])
        self.run_ai(everyone[k.route == ROUTE_AI])
        k.messages = self.messages.collect()
        k.events = self.events.collect()
        k.actions = self.actions.collect()
        k.csat = self.csat.collect()
        return k

    def open_conversations(self, idx: np.ndarray) -> None:
        k = self.k
        self.set_status(idx, self.t[idx], c.OPEN, c.SYSTEM)
        spam = k.route[idx] == ROUTE_SPAM
        body = np.where(
            spam,
            self.body(idx, "spam"),
            OPEN_BODY_BASE[k.issue[idx]] + self.rng.integers(0, 2, len(idx)),
        )
        self.messages.add(tix=idx, off=0, author=c.CUSTOMER, public=1, body=body)
        bot_channel = np.isin(k.channel[idx], (c.CHAT, c.WEB, c.SMS, c.SOCIAL, c.API))
        greet = idx[(k.route[idx] == ROUTE_AI) & bot_channel & self.chance(idx, 0.7)]
        self.say(greet, np.ones(len(greet), I64), c.SYSTEM, "system_start")
        self.t[idx] = 1

    def run_spam(self, idx: np.ndarray) -> None:
        bot = idx[(self.k.channel[idx] != c.VOICE) & self.chance(idx, 0.5)]
        self.ai_says(bot, "ai_greeting")
        at = self.t[idx] + self.uniform(idx, MINUTE, 2 * HOUR)
        self.set_status(idx, at, c.CLOSED, np.where(self.chance(idx, 0.7), c.SYSTEM, c.HUMAN))

    def run_merged(self, idx: np.ndarray) -> None:
        at = self.t[idx] + self.uniform(idx, MINUTE, 4 * HOUR)
        self.say(idx, at, c.SYSTEM, "system_merged")
        actor = np.where(self.chance(idx, 0.6), c.HUMAN, c.SYSTEM)
        self.set_status(idx, at + 1, c.CLOSED, actor)

    # - humans -

    def human_service(self, idx: np.ndarray) -> None:
        """A person picks the ticket up, talks with the customer and (mostly) solves it."""
        wait = self.human_wait(idx)
        self.event(
            idx,
            self.t[idx] + np.maximum(1, wait * 6 // 10),
            c.ASSIGNED,
            actor=c.SYSTEM,
            assignee=c.ASSIGNEE_HUMAN,
        )
        self.t[idx] += wait
        self.say(idx, self.t[idx], c.HUMAN, "human_reply")
        note = idx[self.chance(idx, 0.3)]
        self.t[note] += self.uniform(note, 5, 120)
        self.say(note, self.t[note], c.HUMAN, "human_note", public=0)
        turns = pick(self.rng, len(idx), [0.3, 0.35, 0.25, 0.1])
        for j in range(3):
            rows = idx[turns > j]
            self.customer_says(rows, "cust_detail")
            self.human_says(rows, "human_followup")
        fixed = self.chance(idx, 0.9)
        done, stuck = idx[fixed], idx[~fixed]
        self.human_says(done, "human_resolved")
        self.solve(done, self.t[done] + self.uniform(done, 5, 60), c.HUMAN)
        self.after_human_solve(done)
        self.human_says(stuck, "human_pending")
        self.set_status(stuck, self.t[stuck] + 1, c.PENDING, c.HUMAN)

    def after_human_solve(self, idx: np.ndarray) -> None:
        self.thanks(idx[self.chance(idx, 0.3)])
        self.survey(idx, c.CSAT_HUMAN, 0.16)
        fate = pick(self.rng, len(idx), [0.04, 0.04, 0.92])
        self.spawn_repeat[idx[fate == 1]] = True
        back = idx[fate == 0]
        self.t[back] += self.uniform(back, HOUR, 48 * HOUR)
        self.say(back, self.t[back], c.CUSTOMER, "cust_return")
        flip = back[self.chance(back, 0.6)]
        self.set_status(flip, self.t[flip] + 1, c.OPEN, c.SYSTEM)
        self.t[back] += self.human_wait(back)
        self.say(back, self.t[back], c.HUMAN, "human_resolved")
        self.solve(back, self.t[back] + self.uniform(back, 5, 60), c.HUMAN)

    # - the AI -

    def run_ai(self, idx: np.ndarray) -> None:
        k = self.k
        assigned = idx[self.chance(idx, 0.8)]
        self.event(assigned, self.t[assigned] + 1, c.ASSIGNED, actor=c.SYSTEM, assignee=c.ASSIGNEE_AI)
        latency = self.ai_latency(idx)
        self.actions.add(
            tix=idx,
            off=self.t[idx] + latency - 1,
            action=c.ACTION_CLASSIFY,
            proc=c.PROC_TRIAGE,
            outcome=c.SUCCEEDED,
        )
        self.t[idx] += latency
        self.say(idx, self.t[idx], c.AI, "ai_greeting")

        turns = pick(self.rng, len(idx), [0.35, 0.35, 0.2, 0.1])
        drop = self.chance(idx, c.CHANNEL_DROP[k.channel[idx]])
        turns = np.where(drop, np.floor(self.rng.random(len(idx)) * (turns + 1)), turns)
        for j in range(3):
            rows = idx[turns > j]
            self.customer_says(rows, "cust_detail")
            self.ai_says(rows, "ai_clarify")
        self.customer_walks_away(idx[drop])

        rest = idx[~drop]
        p_ask = c.ISSUE_ASK_HUMAN[k.issue[rest]] * c.CHANNEL_ASK_HUMAN_SCALE[k.channel[rest]]
        ask = self.chance(rest, p_ask)
        asked = rest[ask]
        self.customer_says(asked, "cust_ask_human")
        reason = np.where(self.chance(asked, 0.75), c.CUSTOMER_REQUEST, c.SENTIMENT)
        self.handoff(asked, reason)

        work = rest[~ask]
        result = self.run_procedure(work)
        self.ai_solve(work[result == c.SUCCEEDED], good=True)
        blocked = work[result == c.BLOCKED]
        to_human = self.chance(blocked, 0.75)
        self.handoff(blocked[to_human], c.POLICY)
        self.ai_solve(blocked[~to_human], good=False, key="ai_cannot")
        failed = work[result == c.FAILED]
        to_human = self.chance(failed, c.ISSUE_HANDOFF_ON_FAILURE[k.issue[failed]])
        handed = failed[to_human]
        reason = np.where(self.chance(handed, 0.85), c.LOW_CONFIDENCE, c.OTHER_REASON)
        self.handoff(handed, reason)
        self.ai_solve(failed[~to_human], good=False, key="ai_generic")

    def run_procedure(self, idx: np.ndarray) -> np.ndarray:
        """Run the issue's procedure; returns succeeded / failed / blocked per ticket."""
        k, rng, m = self.k, self.rng, len(idx)
        issue, version = k.issue[idx], k.version[idx]
        proc = c.PROCEDURE_OF_ISSUE[issue]
        n_steps = c.PROC_N_STEPS[proc]
        p_ok = c.ISSUE_AI_SUCCESS[issue] + c.CHANNEL_SUCCESS_SHIFT[k.channel[idx]] + c.VERSION_SUCCESS_SHIFT[version]
        ok: np.ndarray = rng.random(m) < np.clip(p_ok, 0.05, 0.98)
        blocked = ~ok & (rng.random(m) < c.ISSUE_BLOCK_SHARE[issue]) & c.PROC_HAS_POLICY_STEP[proc]
        result = np.where(ok, c.SUCCEEDED, np.where(blocked, c.BLOCKED, c.FAILED))
        keys = rng.random((m, c.MAX_STEPS))
        in_proc: np.ndarray = np.arange(c.MAX_STEPS)[None, :] < n_steps[:, None]
        fail_any = np.argmax(np.where(in_proc, keys, -1.0), axis=1)
        fail_policy = np.argmax(np.where(c.PROC_POLICY[proc] >= 0, keys, -1.0), axis=1)
        fail_step = np.where(ok, c.MAX_STEPS, np.where(blocked, fail_policy, fail_any))
        executed = np.where(ok, n_steps, fail_step + 1)
        breach_scale = c.VERSION_BREACH_SCALE[version]
        for s in range(c.MAX_STEPS):
            sel = executed > s
            rows = idx[sel]
            self.t[rows] += self.uniform(rows, 1, 4)
            p = proc[sel]
            policy = c.PROC_POLICY[p, s]
            failing = fail_step[sel] == s
            res = result[sel]
            checked = self.policy_results(policy, breach_scale[sel])
            presult = np.where(
                failing & (res == c.BLOCKED),
                c.VIOLATED,
                np.where(failing & (policy >= 0), c.PASSED, checked),
            )
            final = np.where(c.PROC_MARKS_FINAL[p], np.where(s == n_steps[sel] - 1, 1, 0), -1)
            self.actions.add(
                tix=rows,
                off=self.t[rows],
                action=c.PROC_ACTION[p, s],
                proc=p,
                outcome=np.where(failing, res, c.SUCCEEDED),
                policy=policy,
                presult=presult,
                final=final,
            )
        self.follow_up(idx[ok], proc[ok])
        return result

    def follow_up(self, idx: np.ndarray, proc: np.ndarray) -> None:
        """The follow-up step after a completed procedure (settlement, delivery report): a share
        fails or is blocked, after the final step succeeded and before the AI says it is done."""
        has = c.PROC_FOLLOW_UP[proc] >= 0
        rows, p = idx[has], proc[has]
        policy = c.PROC_FOLLOW_UP_POLICY[p]
        fails = self.chance(rows, c.FOLLOW_UP_FAIL_RATE)
        blocked = fails & (policy >= 0) & self.chance(rows, c.FOLLOW_UP_BLOCK_SHARE)
        outcome = np.where(blocked, c.BLOCKED, np.where(fails, c.FAILED, c.SUCCEEDED))
        presult = np.where(blocked, c.VIOLATED, np.where(policy >= 0, c.PASSED, -1))
        self.t[rows] += self.uniform(rows, 2, 40)
        self.actions.add(
            tix=rows,
            off=self.t[rows],
            action=c.PROC_FOLLOW_UP[p],
            proc=p,
            outcome=outcome,
            policy=policy,
            presult=presult,
            final=0,
        )

    def policy_results(self, policy: np.ndarray, breach_scale: np.ndarray) -> np.ndarray:
        """Guardrail check of a step that went through (-1 where the step has no policy)."""
        critical = c.POLICY_IS_CRITICAL[np.maximum(policy, 0)]
        violated = np.where(critical, c.CRITICAL_VIOLATION_RATE * breach_scale, c.NONCRITICAL_VIOLATION_RATE)
        u = self.rng.random(len(policy))
        out = np.full(len(policy), c.PASSED, dtype=I64)
        out = np.where(u < violated + c.OVERRIDDEN_RATE + c.NOT_APPLICABLE_RATE, c.NOT_APPLICABLE, out)
        out = np.where(u < violated + c.OVERRIDDEN_RATE, c.OVERRIDDEN, out)
        out = np.where(u < violated, c.VIOLATED, out)
        return np.where(policy >= 0, out, -1)

    def customer_walks_away(self, idx: np.ndarray) -> None:
        """The customer stops replying; either the AI or the customer spoke last."""
        customer_last = self.chance(idx, 0.45)
        unanswered = idx[customer_last]
        self.customer_says(unanswered, "cust_detail")
        self.auto_close(unanswered[self.chance(unanswered, 0.55)])
        silent = idx[~customer_last]
        waiting = silent[self.chance(silent, 0.3)]
        self.set_status(waiting, self.t[waiting] + 1, c.PENDING, c.AI)
        self.auto_close(silent[self.chance(silent, 0.45)])

    def auto_close(self, idx: np.ndarray) -> None:
        at = self.t[idx] + self.uniform(idx, 24 * HOUR, 72 * HOUR)
        self.say(idx, at, c.SYSTEM, "system_auto_close")
        self.solve(idx, at + 1, c.SYSTEM)

    def handoff(self, idx: np.ndarray, reason: object) -> None:
        """The AI hands the conversation to the human queue; a person may or may not come."""
        reason = np.broadcast_to(np.asarray(reason), (len(idx),))
        self.t[idx] += self.ai_latency(idx)
        at = self.t[idx]
        asked = reason == c.CUSTOMER_REQUEST
        late_offer = asked & self.chance(idx, 0.08)
        self.actions.add(
            tix=idx,
            off=at - 1,
            action=c.ACTION_HANDOFF,
            proc=c.PROC_ESCALATION,
            outcome=c.SUCCEEDED,
            policy=c.ESCALATION_OFFER,
            presult=np.where(late_offer, c.VIOLATED, c.PASSED),
            final=1,
        )
        actor = np.where(asked & self.chance(idx, 0.5), c.CUSTOMER, c.AI)
        self.event(idx, at, c.HANDOFF_REQUESTED, actor=actor, reason=reason)
        self.say(idx, at, c.AI, "ai_handoff")
        note = idx[self.chance(idx, 0.6)]
        self.say(note, self.t[note] + 2, c.SYSTEM, "system_transfer")
        hold = idx[self.chance(idx, 0.7)]
        self.set_status(hold, self.t[hold] + 2, c.ON_HOLD, c.SYSTEM)
        self.event(idx, at + 3, c.ASSIGNED, actor=c.SYSTEM, assignee=c.ASSIGNEE_QUEUE)
        self.t[idx] += 3
        served = self.chance(idx, c.CHANNEL_HANDOFF_SERVED[self.k.channel[idx]])
        self.human_service(idx[served])
        self.nobody_comes(idx[~served])

    def nobody_comes(self, idx: np.ndarray) -> None:
        nudge = idx[self.chance(idx, 0.5)]
        self.t[nudge] += self.uniform(nudge, 10 * MINUTE, 4 * HOUR)
        self.say(nudge, self.t[nudge], c.CUSTOMER, "cust_waiting")
        closed = idx[self.chance(idx, 0.35)]
        at = self.t[closed] + self.uniform(closed, 48 * HOUR, 96 * HOUR)
        self.say(closed, at, c.SYSTEM, "system_auto_close")
        self.solve(closed, at + 1, c.SYSTEM)

    def ai_solve(self, idx: np.ndarray, good: bool, key: str = "ai_resolved") -> None:
        """The AI answers and marks the ticket solved; then the customer reacts (or not)."""
        self.ai_says(idx, key)
        tone = self.policy_results(np.full(len(idx), c.TONE_CHECK), np.ones(len(idx)))
        self.actions.add(
            tix=idx,
            off=self.t[idx],
            action=c.ACTION_SEND_REPLY,
            proc=c.PROC_REPLY,
            outcome=c.SUCCEEDED,
            policy=c.TONE_CHECK,
            presult=tone,
        )
        actor = np.where(self.chance(idx, 0.8), c.AI, c.SYSTEM)
        self.solve(idx, self.t[idx] + self.uniform(idx, 1, 5), actor)
        self.after_ai_solve(idx, good)

    def after_ai_solve(self, idx: np.ndarray, good: bool) -> None:
        # fates: customer writes back, reopens via status, comes back on a new ticket,
        # says it did not help, or stays away.
        probs = [0.03, 0.012, 0.03, 0.012, 0.916] if good else [0.24, 0.08, 0.16, 0.14, 0.38]
        fate = pick(self.rng, len(idx), probs)
        solved_at = self.t[idx].copy()
        self.thanks(idx[self.chance(idx, 0.3 if good else 0.08)])

        stays = (fate == 2) | (fate == 4)
        confirm = stays & self.chance(idx, 0.22 if good else 0.04)
        rows = idx[confirm]
        self.event(
            rows,
            solved_at[confirm] + self.uniform(rows, 30, 480),
            c.RESOLUTION_CONFIRMED,
            actor=c.CUSTOMER,
        )
        rejected = fate == 3
        rows = idx[rejected]
        self.event(
            rows,
            solved_at[rejected] + self.uniform(rows, 60, 1800),
            c.RESOLUTION_REJECTED,
            actor=c.CUSTOMER,
        )
        self.survey(idx[stays | rejected], c.CSAT_GOOD_AI if good else c.CSAT_POOR_AI)
        self.spawn_repeat[idx[fate == 2]] = True

        later = idx[(fate == 4) & self.chance(idx, 0.01)]
        at = self.t[later] + self.uniform(later, 76 * HOUR, 120 * HOUR)
        self.say(later, at, c.CUSTOMER, "cust_new_question")
        self.say(later, at + self.ai_latency(later), c.AI, "ai_reply")

        back = idx[fate == 0]
        self.t[back] += self.uniform(back, HOUR, 60 * HOUR)
        self.say(back, self.t[back], c.CUSTOMER, "cust_return")
        flip = back[self.chance(back, 0.6)]
        self.set_status(flip, self.t[flip] + 1, c.OPEN, c.SYSTEM)
        self.t[flip] += 1
        reopened = idx[fate == 1]
        self.t[reopened] += self.uniform(reopened, 30 * MINUTE, 48 * HOUR)
        self.set_status(reopened, self.t[reopened], c.OPEN, c.CUSTOMER)
        self.t[reopened] += self.uniform(reopened, 30, 300)
        self.say(reopened, self.t[reopened], c.CUSTOMER, "cust_return")
        self.ai_retries(np.sort(np.concatenate([back, reopened])))

    def ai_retries(self, idx: np.ndarray) -> None:
        """After the customer came back: the AI tries again, hands off, or is left alone."""
        self.ai_says(idx, "ai_retry")
        choice = pick(self.rng, len(idx), [0.45, 0.35, 0.20])
        again = idx[choice == 0]
        self.ai_says(again, "ai_resolved")
        self.solve(again, self.t[again] + self.uniform(again, 1, 5), c.AI)
        handed = idx[choice == 1]
        self.handoff(handed, np.where(self.chance(handed, 0.6), c.CUSTOMER_REQUEST, c.SENTIMENT))

    # - customer reactions after a solve -

    def thanks(self, idx: np.ndarray) -> None:
        """A thank-you inside the grace period (not a reopen)."""
        self.say(idx, self.t[idx] + self.uniform(idx, 20, 540), c.CUSTOMER, "cust_thanks")

    def survey(self, idx: np.ndarray, dist: np.ndarray, rate: float = c.CSAT_RESPONSE_RATE) -> None:
        """Sparse CSAT: a share of customers answers, a few answer twice (the latest counts)."""
        rows = idx[self.chance(idx, rate)]
        at = self.t[rows] + self.uniform(rows, 30 * MINUTE, 48 * HOUR)
        self.csat.add(tix=rows, off=at, score=pick(self.rng, len(rows), dist) + 1)
        twice = self.chance(rows, 0.03)
        again = rows[twice]
        self.csat.add(
            tix=again,
            off=at[twice] + self.uniform(again, HOUR, 24 * HOUR),
            score=pick(self.rng, len(again), dist) + 1,
        )


# --- cross-ticket links --------------------------------------------------------------------


def link_repeat_contacts(rng: np.random.Generator, chunk: Chunk, sim: ConversationSim, end_s: int) -> np.ndarray:
    """Turn other tickets of the chunk into the return visits of customers whose issue came back.

    A parent flagged by the simulation gets a child ticket: same customer, same issue type,
    created within the repeat-contact window after the parent's first solve, often on another
    channel. The child is a ticket of the chunk with that issue type and channel, moved in time.
    """
    k = chunk
    eligible = sim.spawn_repeat & (sim.first_solve >= 0)
    parents = np.flatnonzero(eligible)
    child_at = k.created[parents] + sim.first_solve[parents] + uniform_int(rng, len(parents), 2 * HOUR, 160 * HOUR)
    switch = rng.random(len(parents)) < 0.65
    other = pick_rows(rng, OTHER_CHANNEL_CUM, k.channel[parents])
    want_channel = np.where(switch, other, k.channel[parents])
    inside = child_at < end_s
    parents, child_at, want_channel = parents[inside], child_at[inside], want_channel[inside]
    n_channels = len(c.CHANNELS)
    candidates = np.flatnonzero(np.isin(k.route, (ROUTE_AI, ROUTE_HUMAN)) & ~sim.spawn_repeat)
    child = match_by_key(
        rng,
        k.issue[parents] * n_channels + want_channel,
        candidates,
        k.issue[candidates] * n_channels + k.channel[candidates],
    )
    ok = child >= 0
    k.created[child[ok]] = child_at[ok]
    k.customer[child[ok]] = k.customer[parents[ok]]
    return child[ok]


def link_merged(rng: np.random.Generator, chunk: Chunk, end_s: int) -> None:
    """A merged ticket is a duplicate the customer opened shortly after another one."""
    k = chunk
    merged = np.flatnonzero(k.route == ROUTE_MERGED)
    targets = np.flatnonzero(np.isin(k.route, (ROUTE_AI, ROUTE_HUMAN)))
    target = match_by_key(rng, k.issue[merged], targets, k.issue[targets])
    k.merged_into = np.full(k.n, -1, dtype=I64)
    ok = target >= 0
    m, t = merged[ok], target[ok]
    k.merged_into[m] = t
    k.customer[m] = k.customer[t]
    at = k.created[t] + uniform_int(rng, len(t), 2 * MINUTE, 6 * HOUR)
    k.created[m] = np.minimum(at, end_s - 1)


def simulate_chunk(
    rng: np.random.Generator,
    n: int,
    customer_cum: np.ndarray,
    start_s: int,
    days: int,
    release_period: tuple[int, int] | None = None,
) -> Chunk:
    """Draw n tickets, simulate their conversations and link repeat contacts and merges."""
    end_s = start_s + days * DAY
    release_period = release_period or (start_s, days)
    chunk = draw_tickets(rng, n, customer_cum, start_s, days, release_period)
    sim = ConversationSim(rng, chunk)
    sim.run()
    moved = link_repeat_contacts(rng, chunk, sim, end_s)
    link_merged(rng, chunk, end_s)
    # a moved ticket is served by the version live at its new creation time
    chunk.version[moved] = version_at(rng, chunk.created[moved], *release_period)
    return chunk
