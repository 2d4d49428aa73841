#!/usr/bin/env python3
"""gen_customers.py: a deterministic customers CSV for `rapport import customers`.

The same shape as import_bench's generator (bench/import_bench.cpp): first_name, last_name,
email, phone, city, country, tags; unique e-mails, E.164 mobile phones of a length each
country's plan allows (the import checks that), ISO country codes. Used to grow the 100,000-
customer demo set to 1,000,000 through Rapport's own import path (bench/make_data.sh).

Its last names, its first names and its e-mail domain appear nowhere in the demo's
vocabulary (src/demo/demo_vocabulary.cpp), so the words http_bench searches for match the same
customers at 100,000 and 1,000,000: the larger table changes the cost of a query, not the size
of its answer.

Usage: gen_customers.py ROWS [--start N] > customers.csv
"""

import argparse
import sys

FIRST = ["Ben", "David", "Kira", "Olga", "Paul", "Vera", "Yusuf", "Zelda", "Ilse", "Milan",
         "Ottó", "Emeric", "Saara", "Tamás", "Ugne", "Wanda"]
LAST = ["Novak", "Berg", "Weiß", "Keller", "Horvat", "Kowalczyk", "Virtanen", "Østergaard",
        "Popescu", "Nagy", "Dvořák", "Kask", "Papadopoulos", "Halvorsen", "Ionescu", "Szabó",
        "Korhonen"]
# ISO code, dial code, cities, mobile range of the national plan, digits after it.
COUNTRIES = [("DE", "49", ("Berlin", "Hamburg"), "151", 8), ("FR", "33", ("Paris", "Lyon"), "6", 8),
             ("ES", "34", ("Madrid", "Sevilla"), "6", 8), ("IT", "39", ("Milano", "Roma"), "3", 9),
             ("NL", "31", ("Amsterdam", "Utrecht"), "6", 8),
             ("US", "1", ("Boston", "Austin"), "617", 7), ("GB", "44", ("London", "Leeds"), "7", 9),
             ("SE", "46", ("Stockholm", "Malmö"), "7", 8),
             ("PL", "48", ("Kraków", "Gdańsk"), "5", 8), ("AT", "43", ("Wien", "Graz"), "664", 7)]
TAGS = ["vip;newsletter", "newsletter", "", "wholesale", "beta;referral", "newsletter", "vip"]


def ascii_fold(name):
    table = str.maketrans({"ß": "ss", "Ø": "o", "ø": "o", "ř": "r", "á": "a", "ó": "o"})
    return name.translate(table).lower()


def rows(count, start):
    yield "first_name,last_name,email,phone,city,country,tags\n"
    for i in range(start, start + count):
        first = FIRST[i % len(FIRST)]
        last = LAST[(i // len(FIRST)) % len(LAST)]
        code, dial, cities, mobile, digits = COUNTRIES[(i // 7) % len(COUNTRIES)]
        span = 10**digits
        number = str(span + (i * 7919) % span)[1:]
        email = f"{ascii_fold(first)}.{ascii_fold(last)}.{i}@import.bench.example"
        yield (f"{first},{last},{email},+{dial} {mobile}{number},{cities[(i // 3) % 2]},{code},"
               f"{TAGS[i % len(TAGS)]}\n")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--start", type=int, default=0, help="number of the first row")
    args = parser.parse_args(argv)
    out = sys.stdout
    buffer = []
    for line in rows(args.rows, args.start):
        buffer.append(line)
        if len(buffer) >= 10000:
            out.write("".join(buffer))
            buffer.clear()
    out.write("".join(buffer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
