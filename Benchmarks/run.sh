#!/usr/bin/env bash
# Throughput through nginx, each Ferry figure beside its ceiling in the same run
# (absolute numbers drift 10-20 % between runs on shared machines; ratios do not).
#
#   Benchmarks/run.sh [--threads T] [--duration 10s]
#
# Scenarios: nginx answering a fixed `return 200` (the front's ceiling), a bare libfcgi
# responder in C answering the same JSON with as many threads (the ceiling of the
# FastCGI hop, Benchmarks/bare/), and Ferry's GET / through the repository's nginx.conf.
# wrk -t2 -c32 after a warm-up. Ferry runs as one process (--workers 0), like the bare
# responder; Benchmarks/pool-matrix.sh measures the prefork pool.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source deploy/swift-env.sh
threads=4
duration=10s
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        *) echo "usage: Benchmarks/run.sh [--threads T] [--duration 10s]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk not found: run deploy/packages.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/ferry-bench-XXXXXX)
chmod 755 "$work"
cleanup() {
    [ -f "$work/nginx/logs/nginx.pid" ] && nginx -p "$work/nginx" -c "$work/nginx.conf" -s stop 2>/dev/null || true
    [ -n "${ferry_pid:-}" ] && kill -TERM "$ferry_pid" 2>/dev/null || true
    [ -n "${bare_pid:-}" ] && kill -KILL "$bare_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

swift build -c release --product ferry >/dev/null
cc -O2 -o "$work/fixed-json" Benchmarks/bare/fixed-json.c -lfcgi -lpthread
"$work/fixed-json" "$work/bare.sock" "$threads" >/dev/null 2>&1 &  # libfcgi ignores SIGTERM in accept: killed at exit
bare_pid=$!
socket=$work/ferry.sock
ferry_port=18080
ceiling_port=18081
bare_port=18082
LOG_LEVEL=${LOG_LEVEL:-info} ./.build/release/ferry serve --listen "unix:$socket" --socket-mode 0666 --workers 0 --threads "$threads" 2>"$work/ferry.log" &
ferry_pid=$!
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done

# The shipped nginx.conf, pointed at this run's socket and port, plus one server that
# answers the same JSON by itself.
mkdir -p "$work/nginx/logs" "$work/nginx/tmp"
body='{"message":"Ferry API","version":"0.1.0"}'
sed -e "s|listen 127.0.0.1:8080;|listen 127.0.0.1:$ferry_port;|" -e "s|unix:/tmp/ferry.sock|unix:$socket|" nginx.conf \
    | sed '$d' >"$work/nginx.conf"
cat >>"$work/nginx.conf" <<CONF
    server {
        listen 127.0.0.1:$ceiling_port;
        location / { default_type application/json; return 200 '$body'; }
    }
    server {
        listen 127.0.0.1:$bare_port;
        location / { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$work/bare.sock; }
    }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx.conf"
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$ferry_port/" >/dev/null && break; sleep 0.1; done

measure() {  # name url -> "rps p50 p99 non2xx"
    wrk -t2 -c32 -d2s "$2" >/dev/null  # warm-up
    wrk -t2 -c32 -d"$duration" --latency "$2" >"$work/$1.txt"
    awk -v name="$1" '
        /Requests\/sec:/ { rps = $2 }
        /^ +50%/ { p50 = $2 }
        /^ +99%/ { p99 = $2 }
        /Non-2xx or 3xx responses:/ { non2xx = $5 }
        END { printf "%s %s %s %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx) }' "$work/$1.txt"
}

read -r ceiling_rps ceiling_p50 ceiling_p99 ceiling_bad < <(measure ceiling "http://127.0.0.1:$ceiling_port/")
read -r bare_rps bare_p50 bare_p99 bare_bad < <(measure bare "http://127.0.0.1:$bare_port/")
read -r root_rps root_p50 root_p99 root_bad < <(measure root "http://127.0.0.1:$ferry_port/")

row() {  # scenario rps p50 p99 non2xx ceiling-rps
    printf '| %-34s | %10.0f | %8s | %8s | %7s | %10s |\n' "$1" "$2" "$3" "$4" "$5" \
        "$(awk -v a="$2" -v b="$6" 'BEGIN { printf "%.2f", a / b }')"
}
printf '\nwrk -t2 -c32 -d%s through nginx, %s threads per FastCGI responder, %s\n\n' "$duration" "$threads" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '| %-34s | %10s | %8s | %8s | %7s | %10s |\n' scenario "requests/s" p50 p99 non-2xx "vs ceiling"
printf '|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "------------" "----------" "----------" "---------" "------------"
row "nginx return 200" "$ceiling_rps" "$ceiling_p50" "$ceiling_p99" "$ceiling_bad" "$ceiling_rps"
row "bare libfcgi fixed JSON (C)" "$bare_rps" "$bare_p50" "$bare_p99" "$bare_bad" "$ceiling_rps"
row "ferry GET / (vs bare libfcgi)" "$root_rps" "$root_p50" "$root_p99" "$root_bad" "$bare_rps"
