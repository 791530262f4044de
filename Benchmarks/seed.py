#!/usr/bin/env python3
"""The benchmark suite's fixed data set as SQL, for SQLite or PostgreSQL (stdout):

    Benchmarks/seed.py sqlite|postgresql HASHED_PASSWORD [--posts]

1,000 users (ids 1..1000; user 1 is the one the suite registered through the API, whose
argon2 hash every other user shares, so seeding costs no hashing), 10 categories and 200
products (ids 1..200, stock enough for any run), and with --posts 50 tags and 2,000
published posts (ids 1..2000) by random authors with 3 tags each. Deterministic (seeded
random), one transaction, multi-row INSERTs: a second or two on either database.
"""
import random
import sys
from datetime import datetime, timedelta, timezone

dialect, password_hash = sys.argv[1], sys.argv[2]
with_posts = "--posts" in sys.argv[3:]
rng = random.Random(8)
epoch = datetime(2026, 1, 1, tzinfo=timezone.utc)


def stamp(minutes):
    return (epoch + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


def quote(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert(table, columns, rows, chunk=250):
    for start in range(0, len(rows), chunk):
        values = ",\n".join("(" + ", ".join(quote(v) for v in row) + ")" for row in rows[start:start + chunk])
        print(f"INSERT INTO {table} ({', '.join(columns)}) VALUES\n{values};")


words = ("ferry harbour tide sail anchor river crossing deck rope captain lantern "
         "morning evening island channel current bridge ticket passenger voyage").split()


def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."


print("BEGIN;")
insert("users", ["username", "email", "hashed_password", "full_name", "bio", "is_active", "is_superuser",
                 "created_at", "updated_at"],
       [(f"user{i:04d}", f"user{i:04d}@example.com", password_hash, f"User {i}", sentence(8), True, False,
         stamp(i), stamp(i)) for i in range(2, 1001)])
insert("categories", ["name", "slug", "description", "parent_id", "created_at"],
       [(f"Category {i}", f"category-{i}", sentence(6), None, stamp(i)) for i in range(1, 11)])
insert("products", ["name", "slug", "description", "price_cents", "stock_quantity", "sku", "is_active",
                    "category_id", "created_at", "updated_at"],
       [(f"Product {i}", f"product-{i}", sentence(12), rng.randint(100, 99999), 1_000_000_000, f"SKU-{i:04d}",
         True, (i - 1) % 10 + 1, stamp(i), stamp(i)) for i in range(1, 201)])
if with_posts:
    insert("tags", ["name", "name_key", "slug"], [(f"Tag{i}", f"tag{i}", f"tag{i}") for i in range(1, 51)])
    insert("posts", ["title", "slug", "content", "status", "view_count", "author_id", "published_at",
                     "created_at", "updated_at"],
           [(f"Post {i}: {sentence(4)[:-1]}", f"post-{i}", " ".join(sentence(12) for _ in range(5)), "published",
             rng.randint(0, 1000), rng.randint(1, 1000), stamp(i), stamp(i), stamp(i)) for i in range(1, 2001)])
    insert("post_tags", ["post_id", "tag_id"],
           [(post, tag) for post in range(1, 2001) for tag in rng.sample(range(1, 51), 3)], chunk=1000)
print("COMMIT;")
