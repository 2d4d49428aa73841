#!/usr/bin/env python3
"""gen_tickets.py: a bench-only desk on top of a benchmark data set (bench/ticket_bench.sh).

Writes TICKETS tickets with MESSAGES messages in all straight into a stopped data directory's
rapport.db, in one transaction of direct SQL (the shape of migration 0018, as the ticket store
writes it): spread over the demo's customers, four queues of two teams, three agents, every
status, a tag or two, times over the last 180 days, the first message the customer's and the
rest alternating staff replies, customer answers and internal notes. No events, timeline entries
or audit entries: this measures reading and answering a large desk, not how it was filled (the
API writes those for every real ticket). Deterministic for a seed.

Usage: gen_tickets.py DB [--tickets 100000] [--messages 1000000] [--seed 1]
Prints the ids of 100 open tickets (for the benchmark's replies) on stdout.
"""

import argparse
import datetime
import random
import sqlite3

STATUSES = ["new", "open", "open", "pending", "on_hold", "solved", "closed", "closed"]
PRIORITIES = ["low", "normal", "normal", "normal", "high", "urgent"]
TAGS = ["billing", "refund", "shipping", "vip", "bug", "login", "invoice", "returns"]
SUBJECTS = ["Where is my order", "Refund for order", "Cannot sign in", "Invoice is wrong",
            "Parcel arrived damaged", "Change my address", "Question about sizes", "Cancel order"]
BODY = ("Hello, I am writing about my recent order. It has not arrived yet and the tracking page "
        "has not changed for a week. Could you look into it and tell me what happens next? ")


def instant(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--tickets", type=int, default=100000)
    parser.add_argument("--messages", type=int, default=1000000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA foreign_keys = ON")
    customers = [row[0] for row in db.execute("SELECT id FROM customers ORDER BY id")]
    emails = dict(db.execute("SELECT customer_id, address FROM customer_emails WHERE is_primary"))
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    stamp = instant(now)
    with db:
        for team in ("tea_bench_north", "tea_bench_south"):
            db.execute("INSERT OR IGNORE INTO teams (id, name, name_key, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?)", (team, team, team, stamp, stamp))
        queues = []
        for i, (name, team) in enumerate([("Billing", "tea_bench_north"),
                                          ("Returns", "tea_bench_north"),
                                          ("Shipping", "tea_bench_south"),
                                          ("General", None)]):
            qid = f"que_bench{i}"
            db.execute("INSERT INTO queues (id, name, name_key, team_id, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (qid, name, name.lower(), team, stamp, stamp))
            queues.append(qid)
        agents = [row[0] for row in db.execute("SELECT id FROM users ORDER BY id LIMIT 3")]
        next_number = db.execute(
            "SELECT next_value FROM counters WHERE name = 'ticket_number'").fetchone()[0]
        per_ticket = max(1, args.messages // max(args.tickets, 1))
        extra = args.messages - per_ticket * args.tickets
        open_ids = []
        tickets, messages, tags = [], [], []
        for n in range(args.tickets):
            tid = f"tkt_bench{n:08d}"
            customer = customers[rng.randrange(len(customers))]
            status = STATUSES[rng.randrange(len(STATUSES))]
            created = now - datetime.timedelta(seconds=rng.randrange(180 * 86400))
            count = per_ticket + (1 if n < extra else 0)
            times = [created + datetime.timedelta(minutes=17 * i + rng.randrange(15))
                     for i in range(count)]
            updated = times[-1]
            first_response = instant(times[1]) if count > 1 else None
            solved = instant(updated) if status in ("solved", "closed") else None
            closed = instant(updated) if status == "closed" else None
            assignee = agents[rng.randrange(len(agents))] if agents and rng.random() < 0.7 else None
            tickets.append((tid, next_number + n, SUBJECTS[n % len(SUBJECTS)] + f" {n}", customer,
                            emails.get(customer), status, PRIORITIES[rng.randrange(6)], "question",
                            "email", queues[rng.randrange(len(queues))], assignee,
                            instant(created), instant(updated), first_response, solved, closed))
            if status in ("new", "open") and len(open_ids) < 100:
                open_ids.append(tid)
            for tag in rng.sample(TAGS, rng.randrange(3)):
                tags.append((tid, customer, tag))
            for i in range(count):
                kind, author = "reply", "customer"
                if i > 0:
                    kind, author = [("reply", "staff"), ("reply", "customer"),
                                    ("note", "staff")][i % 3]
                messages.append((f"tmg_bench{n:08d}{i:03d}", tid, customer, kind, author,
                                 BODY * (1 + i % 3), instant(times[i])))
            if len(messages) >= 50000:
                flush(db, tickets, messages, tags)
        flush(db, tickets, messages, tags)
        db.execute("UPDATE counters SET next_value = ? WHERE name = 'ticket_number'",
                   (next_number + args.tickets,))
    db.execute("ANALYZE")
    db.close()
    print("\n".join(open_ids))


def flush(db, tickets, messages, tags):
    db.executemany(
        "INSERT INTO tickets (id, number, subject, customer_id, requester, status, priority, type,"
        " channel, queue_id, assignee_id, created_at, updated_at, first_response_at, solved_at,"
        " closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tickets)
    db.executemany(
        "INSERT INTO ticket_messages (id, ticket_id, customer_id, kind, author_type, body_text,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", messages)
    db.executemany("INSERT INTO ticket_tags (ticket_id, customer_id, tag) VALUES (?, ?, ?)", tags)
    tickets.clear()
    messages.clear()
    tags.clear()


if __name__ == "__main__":
    main()
