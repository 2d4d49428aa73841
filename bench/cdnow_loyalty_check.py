#!/usr/bin/env python3
"""Independent figures for the CDNOW loyalty replay (bench/RESULTS.md): 1 point per whole dollar
per order, no return window, tiers at 100 and 500 points earned over the 12 months ending on the
as-of day. Reads the CSV directly, not Rapport's database.

Usage: bench/cdnow_loyalty_check.py ../shared/data/cdnow/cdnow_transactions.csv [1998-06-30]
"""
import csv
import datetime
import sys
from collections import defaultdict
from decimal import Decimal


def main():
    path = sys.argv[1]
    as_of = datetime.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2 else "1998-06-30")
    # The tier window: the day 12 months before as_of (clamped to the month's end), plus one.
    year, month = as_of.year - 1, as_of.month
    window_start = datetime.date(year, month, min(as_of.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    window_start += datetime.timedelta(days=1)
    orders = 0
    total = 0
    points = defaultdict(int)
    window = defaultdict(int)
    earners = set()
    customers = set()
    for row in csv.DictReader(open(path, newline="")):
        day = datetime.date.fromisoformat(row["date"])
        if day > as_of:
            continue
        orders += 1
        customers.add(row["customer_id"])
        p = int(Decimal(row["amount"]))  # whole dollars, rounded down
        total += p
        if p > 0:
            earners.add(row["customer_id"])
            points[row["customer_id"]] += p
            if window_start <= day <= as_of:
                window[row["customer_id"]] += p
    tiers = {"none": 0, "Silver": 0, "Gold": 0}
    for c in earners:
        v = window[c]
        tiers["Gold" if v >= 500 else "Silver" if v >= 100 else "none"] += 1
    print(f"orders {orders}, customers {len(customers)}, members (earned > 0) {len(earners)}, "
          f"points {total}; tiers as of {as_of} (window from {window_start}): {tiers}")


if __name__ == "__main__":
    main()
