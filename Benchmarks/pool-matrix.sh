#!/usr/bin/env bash
# Requests/s and p99 through nginx for `ferry serve --workers W --threads T`, W and T in
# 1 2 4, for GET / and for a primary-key read (GET /users/{id} with a bearer token), to
# pick the defaults for this machine (README, Operations).
#
#   Benchmarks/pool-matrix.sh [--duration 5s] [--workers "1 2 4"] [--threads "1 2 4"] [--rounds 1]
#
# SQLite in the scratch directory; DATABASE=postgresql starts a throwaway PostgreSQL
# instead, DATABASE_URL uses that database. With --rounds R the whole matrix runs R
# times in turn, so every shape is measured in every stretch of the machine's drift.
threads="1 2 4" workers="1 2 4" duration=5s
source "$(dirname "$0")/lib.sh" "$@"
if [ -n "${DATABASE_URL:-}" ]; then
    url=$DATABASE_URL
elif [ "${DATABASE:-sqlite}" = postgresql ]; then
    url=$(start_postgres matrix)
else
    url=sqlite:///$work/bench.db
fi
base=http://127.0.0.1:$ferry_port
start_nginx

# wait_ready W: until /health/pool shows W ready workers.
wait_ready() {
    for _ in $(seq 100); do
        [ "$(curl -s "$base/health/pool" | grep -o '"state":"ready"' | wc -l)" -ge "$1" ] && return
        sleep 0.1
    done
    echo "the pool did not become ready; see $work/ferry.log" >&2
    exit 1
}

# One user and its token, for the primary-key read.
start_ferry "$url" --workers 1 --threads 1
wait_ready 1
api POST /auth/register -H 'Content-Type: application/json' \
    -d '{"username": "bench", "email": "bench@example.com", "password": "Bench-passw0rd"}' >/dev/null
token=$(token bench Bench-passw0rd)
user_id=$(api GET /auth/me -H "Authorization: Bearer $token" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')

printf '\nwrk -t2 -c32 -d%s through nginx, %s, %s cores, %s\n\n' "$duration" "${url%%:*}" "$(nproc)" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| round | workers × threads | GET / (req/s) | p99 | GET /users/{id} (req/s) | p99 | non-2xx |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for round in $(seq "$rounds"); do
    for w in $workers; do
        for t in $threads; do
            start_ferry "$url" --workers "$w" --threads "$t"
            wait_ready "$w"
            read -r root_rps _ root_p99 root_bad < <(measure "root-$w-$t" "$base/")
            read -r user_rps _ user_p99 user_bad < <(measure "user-$w-$t" "$base/users/$user_id" -H "Authorization: Bearer $token")
            printf '| %s | %s × %s | %.0f | %s | %.0f | %s | %s |\n' "$round" "$w" "$t" "$root_rps" "$root_p99" "$user_rps" "$user_p99" "$((root_bad + user_bad))"
        done
    done
done
