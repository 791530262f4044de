#!/usr/bin/env bash
# GET /posts?page_size=20 (each post with its author and tags, eager-loaded) through
# nginx, on SQLite and on PostgreSQL, with 2,000 published posts seeded through the API,
# beside a page of one post and GET / in the same run.
#
#   Benchmarks/posts.sh [--workers W] [--threads T] [--duration 10s]   (POSTS=2000)
threads="" workers=""
source "$(dirname "$0")/lib.sh" "$@"
posts=${POSTS:-2000}
start_nginx

table_header "vs GET /"
for database in sqlite postgresql; do
    if [ "$database" = sqlite ]; then url="sqlite:///$work/posts.db"; else url=$(start_postgres ferry_posts); fi
    start_ferry "$url" ${workers:+--workers "$workers"} ${threads:+--threads "$threads"}
    python3 Benchmarks/seed-posts.py "http://127.0.0.1:$ferry_port" "$posts"
    page="http://127.0.0.1:$ferry_port/posts?page_size=20"
    api GET "/posts?page_size=20" | python3 -c 'import json, sys; page = json.load(sys.stdin); assert len(page["items"]) == 20 and all(p["author"] and len(p["tags"]) == 3 for p in page["items"]), page["total"]'
    root_row=$(measure "root-$database" "http://127.0.0.1:$ferry_port/")
    table_row "GET / ($database)" "$root_row"
    table_row "GET /posts?page_size=20 ($database)" "$(measure "page20-$database" "$page")" "${root_row%% *}"
    table_row "GET /posts?page_size=1 ($database)" "$(measure "page1-$database" "${page%20}1")" "${root_row%% *}"
done
