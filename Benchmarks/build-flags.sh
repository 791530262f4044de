#!/usr/bin/env bash
# Release build variants side by side (issue 8, item 5): binary size, start-up (time until a
# freshly started `ferry serve` answers GET /health), each worker's VmRSS after load, and
# requests/s through nginx for GET / and GET /products/{id} (SQLite), the variants measured
# in turn, twice, in the same run.
#
#   Benchmarks/build-flags.sh [--duration 5s]
#
# Variants (each in its own scratch directory, .build-flags-NAME):
#   default      swift build -c release (whole-module optimisation is the release default)
#   noexcl       + -Xswiftc -enforce-exclusivity=unchecked
#   static       + --static-swift-stdlib
#   static-noexcl  both
threads="" workers="" duration=5s
source "$(dirname "$0")/lib.sh" "$@"
declare -A flags=(
    [default]=""
    [noexcl]="-Xswiftc -enforce-exclusivity=unchecked"
    [static]="--static-swift-stdlib"
    [static-noexcl]="--static-swift-stdlib -Xswiftc -enforce-exclusivity=unchecked"
)
variants=${VARIANTS:-default noexcl static static-noexcl}
declare -A binary seconds
for v in $variants; do
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    swift build -c release --scratch-path ".build-flags-$v" ${flags[$v]} --product ferry >"$work/build-$v.log" 2>&1 ||
        { echo "$v does not build:" >&2; tail -5 "$work/build-$v.log" >&2; continue; }
    seconds[$v]=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    binary[$v]=$root/.build-flags-$v/release/ferry
done

url="sqlite:///$work/flags.db"
start_nginx
start_ferry "$url" --workers 1 --threads 1
api POST /auth/register -H 'Content-Type: application/json' \
    -d '{"username": "bench", "email": "bench@example.com", "password": "Bench-passw0rd"}' >/dev/null
python3 Benchmarks/seed.py sqlite "$(sqlite3 "$work/flags.db" "SELECT hashed_password FROM users WHERE id = 1")" | sqlite3 "$work/flags.db"
echo 'request = function() return wrk.format(nil, "/products/" .. math.random(1, 200)) end' >"$work/products.lua"
stop_ferry

# startup BINARY: sets ms to the milliseconds from exec to the first 200 from GET /health
# over FastCGI (in this shell, not a $(...) subshell, so ferry_pid stays known).
startup() {
    rm -f "$socket"
    local begin; begin=$(date +%s%N)
    DATABASE_URL=$url "$1" serve --listen "unix:$socket" --socket-mode 0666 >/dev/null 2>>"$work/ferry.log" &
    ferry_pid=$!
    pids+=("$ferry_pid")
    until [ -S "$socket" ] && REQUEST_METHOD=GET DOCUMENT_URI=/health cgi-fcgi -bind -connect "$socket" 2>/dev/null | grep -q '^Status: 200'; do
        sleep 0.005
    done
    ms=$((($(date +%s%N) - begin) / 1000000))
}
rss_mb() {
    curl -fsS "http://127.0.0.1:$ferry_port/health/pool" | python3 -c 'import json, sys
print("\n".join(str(w["pid"]) for w in json.load(sys.stdin)["workers"]))' | while read -r pid; do
        awk '/^VmRSS/ { printf "%.1f ", $2 / 1024 }' "/proc/$pid/status"
    done
}

printf '\n%s, %s cores, wrk -t2 -c32 -d%s through nginx.conf, ferry serve defaults (4 workers × 1 thread), SQLite\n\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$duration"
printf '| variant | round | build s | binary MB | start-up ms | GET / req/s | GET /products/{id} req/s | VmRSS per worker after (MB) |\n|---|---|---:|---:|---:|---:|---:|---|\n'
for round in 1 2; do
    for v in $variants; do
        [ -n "${binary[$v]:-}" ] || continue
        stop_ferry
        startup "${binary[$v]}"
        sleep 1  # every worker up
        curl -fsS "http://127.0.0.1:$ferry_port/products/1" >/dev/null  # each variant answers the real route
        read -r root_rps _ < <(measure "root-$v" "http://127.0.0.1:$ferry_port/")
        read -r prod_rps _ < <(measure "prod-$v" "http://127.0.0.1:$ferry_port/" -s "$work/products.lua")
        size=$(awk -v b="$(stat -c %s "${binary[$v]}")" 'BEGIN { printf "%.1f", b / 1048576 }')
        printf '| %s | %s | %s | %s | %s | %.0f | %.0f | %s|\n' "$v" "$round" "${seconds[$v]}" "$size" "$ms" "$root_rps" "$prod_rps" "$(rss_mb)"
    done
done
