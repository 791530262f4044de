#!/usr/bin/env bash
# Keep-alive between nginx and Ferry (issue 8, item 4): plain FastCGI connections (the
# shipped nginx.conf) against `fastcgi_keep_conn on` + upstream `keepalive N`, for several
# pool shapes, GET / and GET /products/{id} (SQLite). After each run, a probe: right after
# the burst, PROBES concurrent requests, each allowed 3 s; a stall shows as a timeout.
#
#   Benchmarks/keepalive.sh [--duration 5s]
#       environment: SHAPES="4x1 4x4 4x10", KEEPALIVE="0 1 8 16" (0 = plain), PROBES=8
#
# libfcgi binds a thread to a kept connection for as long as nginx keeps it open, idle or
# not; nginx keeps up to N idle connections per nginx worker process.
threads="" workers="" duration=5s
source "$(dirname "$0")/lib.sh" "$@"
shapes=${SHAPES:-4x1 4x4 4x10}
keepalives=${KEEPALIVE:-0 1 8 16}
probes=${PROBES:-8}
nginx_workers=$(nproc)  # nginx.conf: worker_processes auto
base=http://127.0.0.1:$ferry_port

# nginx_with KEEPALIVE: the shipped nginx.conf, with keep-alive to Ferry when KEEPALIVE > 0.
nginx_with() {
    [ -f "$work/nginx/logs/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null && sleep 0.3
    start_nginx
    if [ "$1" -gt 0 ]; then
        sed -i -e "s|server unix:$socket;|server unix:$socket;\n        keepalive $1;|" \
               -e "s|fastcgi_pass ferry;|fastcgi_pass ferry;\n            fastcgi_keep_conn on;|" "$work/nginx.conf"
        nginx -p "$work/nginx" -c "$work/nginx.conf" -s reload 2>/dev/null
        sleep 0.5
    fi
}

# probe: PROBES concurrent GET / right after the burst; "answered/asked slowest-seconds".
probe() {
    local waiting=()
    for i in $(seq "$probes"); do
        curl -s -o /dev/null -m 3 -w '%{http_code} %{time_total}\n' "$base/" >"$work/probe.$i" &
        waiting+=($!)
    done
    wait "${waiting[@]}" 2>/dev/null || true
    cat "$work"/probe.* | awk -v n="$probes" '$1 == 200 { ok++ } { if ($2 > slow) slow = $2 } END { printf "%d/%d in %.2f s\n", ok, n, slow }'
    rm -f "$work"/probe.*
}

start_ferry "sqlite:///$work/ka.db" --workers 1 --threads 1
start_nginx
api POST /auth/register -H 'Content-Type: application/json' \
    -d '{"username": "bench", "email": "bench@example.com", "password": "Bench-passw0rd"}' >/dev/null
python3 Benchmarks/seed.py sqlite "$(sqlite3 "$work/ka.db" "SELECT hashed_password FROM users WHERE id = 1")" | sqlite3 "$work/ka.db"
echo 'request = function() return wrk.format(nil, "/products/" .. math.random(1, 200)) end' >"$work/products.lua"

printf '\nwrk -t2 -c32 -d%s through nginx.conf (%s nginx workers), SQLite, %s\n\n' "$duration" "$nginx_workers" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| Ferry workers × threads | nginx → Ferry | GET / req/s | p99 | non-2xx | GET /products/{id} req/s | p99 | non-2xx | probe after the burst |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|---|\n'
for shape in $shapes; do
    w=${shape%x*} t=${shape#*x}
    start_ferry "sqlite:///$work/ka.db" --workers "$w" --threads "$t"
    for keepalive in $keepalives; do
        nginx_with "$keepalive"
        read -r root_rps _ root_p99 root_bad < <(measure "root-$shape-$keepalive" "$base/")
        read -r prod_rps _ prod_p99 prod_bad < <(measure "prod-$shape-$keepalive" "$base/" -s "$work/products.lua")
        result=$(probe)
        mode=plain
        [ "$keepalive" -gt 0 ] && mode="keep_conn, keepalive $keepalive (× $nginx_workers = $((keepalive * nginx_workers)) idle)"
        printf '| %s × %s = %s | %s | %.0f | %s | %s | %.0f | %s | %s | %s |\n' "$w" "$t" "$((w * t))" "$mode" \
            "$root_rps" "$root_p99" "$root_bad" "$prod_rps" "$prod_p99" "$prod_bad" "$result"
    done
done
