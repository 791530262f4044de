#!/usr/bin/env bash
# GET /posts?page_size=20 (each post with its author and tags, eager-loaded) through
# nginx, on SQLite and on PostgreSQL, with 2,000 published posts seeded through the API.
#
#   Benchmarks/posts.sh [--threads T] [--duration 10s] [--posts 2000]
#
# Starts a throwaway PostgreSQL (deploy/postgres-test-server.sh), the release `ferry serve`
# on a unix socket and the repository's nginx.conf in front, as Benchmarks/run.sh does;
# `wrk -t2 -c32` after a warm-up. FERRY_SCRATCH names the build directory (default .build).
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/swift-env.sh
threads=4
duration=10s
posts=2000
scratch=${FERRY_SCRATCH:-.build}
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --posts) posts=$2; shift 2 ;;
        *) echo "usage: Benchmarks/posts.sh [--threads T] [--duration 10s] [--posts N]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk not found: run deploy/packages.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/ferry-posts-bench-XXXXXX)
chmod 755 "$work"
stop_ferry() {
    if [ -n "${ferry_pid:-}" ]; then
        kill -TERM "$ferry_pid" 2>/dev/null || true
        wait "$ferry_pid" 2>/dev/null || true
        ferry_pid=
    fi
}
cleanup() {
    [ -f "$work/nginx/logs/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null || true
    stop_ferry
    deploy/postgres-test-server.sh stop "$work/pg" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --scratch-path "$scratch" --product ferry >/dev/null
ferry=$scratch/release/ferry
socket=$work/ferry.sock
port=18090
export JWT_SECRET=$(openssl rand -hex 32)

eval "$(deploy/postgres-test-server.sh start "$work/pg" 2>/dev/null)"
psql -q "$FERRY_TEST_POSTGRES_URL" -c "CREATE DATABASE ferry_bench"
postgres_url=${FERRY_TEST_POSTGRES_URL%/postgres}/ferry_bench

mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$port;|" -e "s|unix:/tmp/ferry.sock|unix:$socket|" nginx.conf >"$work/nginx.conf"

measure() {  # name url -> "rps p50 p99 non2xx"
    wrk -t2 -c32 -d2s "$2" >/dev/null  # warm-up
    wrk -t2 -c32 -d"$duration" --latency "$2" >"$work/$1.txt"
    awk '
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = $2 }
        /^ +99%/ { p99 = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $5 }
        END { printf "%s %s %s %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx) }' "$work/$1.txt"
}

results=()
for backend in sqlite postgresql; do
    if [ "$backend" = sqlite ]; then export DATABASE_URL="sqlite:///$work/ferry.db"; else export DATABASE_URL=$postgres_url; fi
    "$ferry" migrate up >/dev/null
    LOG_LEVEL=${LOG_LEVEL:-info} "$ferry" serve --listen "unix:$socket" --socket-mode 0666 --threads "$threads" 2>"$work/ferry-$backend.log" &
    ferry_pid=$!
    for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -f "$work/nginx/logs/nginx.pid" ] || nginx -p "$work/nginx" -c "$work/nginx.conf"
    for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
    python3 Benchmarks/seed-posts.py "http://127.0.0.1:$port" "$posts"
    url="http://127.0.0.1:$port/posts?page_size=20"
    curl -fs "$url" | python3 -c 'import json,sys; page=json.load(sys.stdin); assert page["total"] >= 1 and len(page["items"]) == 20 and all(p["author"] and len(p["tags"]) == 3 for p in page["items"]), page["total"]'
    # Beside it, in the same run (figures drift between runs; ratios hold better): Ferry's
    # `GET /` and a page of one post.
    for scenario in "posts?page_size=20" "posts?page_size=1" ""; do
        read -r rps p50 p99 bad < <(measure "$backend" "http://127.0.0.1:$port/$scenario")
        results+=("$(printf '| %-10s | %-26s | %10.0f | %8s | %8s | %7s |' "$backend" "GET /$scenario" "$rps" "$p50" "$p99" "$bad")")
    done
    stop_ferry
    rm -f "$socket"
done

printf '\nPosts with authors and tags, %s published posts, wrk -t2 -c32 -d%s through nginx, ferry serve --threads %s, %s\n\n' \
    "$posts" "$duration" "$threads" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| %-10s | %-26s | %10s | %8s | %8s | %7s |\n' database request "requests/s" p50 p99 non-2xx
printf '|%s|%s|%s|%s|%s|%s|\n' "------------" "----------------------------" "------------" "----------" "----------" "---------"
printf '%s\n' "${results[@]}"
