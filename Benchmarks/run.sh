#!/usr/bin/env bash
# Throughput through nginx, each Ferry figure beside its ceiling in the same run
# (absolute numbers drift 10-20 % between runs on shared machines; ratios do not).
#
#   Benchmarks/run.sh [--threads T] [--duration 10s]
#
# Scenarios: nginx answering a fixed `return 200` (the front's ceiling), a bare libfcgi
# responder in C answering the same JSON with as many threads (the ceiling of the
# FastCGI hop, Benchmarks/bare/), and Ferry's GET / through the repository's nginx.conf.
# Ferry runs as one process (--workers 0), like the bare responder; Benchmarks/pool-matrix.sh
# measures the prefork pool.
source "$(dirname "$0")/lib.sh" "$@"

cc -O2 -o "$work/fixed-json" Benchmarks/bare/fixed-json.c -lfcgi -lpthread
"$work/fixed-json" "$work/bare.sock" "$threads" >/dev/null 2>&1 &  # libfcgi ignores SIGTERM in accept: killed at exit
pids+=($!)
start_ferry "sqlite:///$work/ferry.db" --workers 0 --threads "$threads"
body='{"message":"Ferry API","version":"0.1.0"}'
ceiling_port=$(free_port) bare_port=$(free_port)
start_nginx "
    server { listen 127.0.0.1:$ceiling_port; location / { default_type application/json; return 200 '$body'; } }
    server { listen 127.0.0.1:$bare_port; location / { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$work/bare.sock; } }"

ceiling=$(measure ceiling http://127.0.0.1:$ceiling_port/)
bare=$(measure bare http://127.0.0.1:$bare_port/)
root_row=$(measure root "http://127.0.0.1:$ferry_port/")

table_header "vs ceiling"
table_row "nginx return 200" "$ceiling" "${ceiling%% *}"
table_row "bare libfcgi fixed JSON (C)" "$bare" "${ceiling%% *}"
table_row "ferry GET / (vs bare libfcgi)" "$root_row" "${bare%% *}"
