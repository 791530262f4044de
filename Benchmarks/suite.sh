#!/usr/bin/env bash
# The benchmark suite (issue 8): every Ferry scenario through the repository's nginx.conf
# beside its ceiling, measured in the same run, on SQLite and on PostgreSQL.
#
#   Benchmarks/suite.sh [--duration 10s] [--workers W] [--threads T]
#       environment: DATABASES="sqlite postgresql", GROWTH_REQUESTS=100000,
#       SWIFT_SCRATCH (build directory), SWIFT_BUILD_FLAGS (extra swift build flags)
#
# Data set (Benchmarks/seed.py): 1,000 users, 10 categories, 200 products, and when the
# posts routes exist 2,000 published posts by random authors with 3 of 50 tags each.
# Shapes, like with like: Ferry runs `ferry serve`'s default pool (4 worker processes ×
# 1 thread) unless --workers/--threads say otherwise, and every bare libfcgi responder in
# C (Benchmarks/bare/) runs the same W processes × T threads on a socket bound before the
# fork. The database ceilings run the statement Ferry runs for GET /products/{id}, prepared
# once per thread, in autocommit, and write the same JSON fields.
# Each scenario: a 2 s warm-up, then `wrk -t2 -c32 -d10s --latency`; random ids through
# wrk Lua scripts; products and posts anonymous, users and orders with a bearer token.
# Memory: each worker's VmRSS after start and seeding, after the scenarios and a 10 s
# warm-up of mixed reads, and after GROWTH_REQUESTS more mixed reads (growth over those).
threads="" workers=""
# Ferry is built as deploy/run.sh builds it for production: the Swift runtime linked statically.
SWIFT_BUILD_FLAGS=${SWIFT_BUILD_FLAGS---static-swift-stdlib}
source "$(dirname "$0")/lib.sh" "$@"
workers=${workers:-4}
threads=${threads:-1}
databases=${DATABASES:-sqlite postgresql}
growth_requests=${GROWTH_REQUESTS:-100000}

for responder in fixed-json sqlite-product postgres-product; do
    cc -O2 -I/usr/include/postgresql -o "$work/$responder" "Benchmarks/bare/$responder.c" -lfcgi -lsqlite3 -lpq -lpthread
done
body='{"message":"Ferry API","version":"0.1.0"}'
fastcgi() { echo "server { listen 127.0.0.1:$1; location / { include /etc/nginx/fastcgi_params; fastcgi_pass unix:$work/$2.sock; } }"; }
start_nginx "
    server { listen 127.0.0.1:$((ferry_port + 1)); location / { default_type application/json; return 200 '$body'; } }
    $(fastcgi $((ferry_port + 2)) fixed-json)
    $(fastcgi $((ferry_port + 3)) sqlite-product)
    $(fastcgi $((ferry_port + 4)) postgres-product)"
base=http://127.0.0.1:$ferry_port

# start_bare NAME [DATABASE]: a bare responder on $work/NAME.sock in Ferry's shape.
start_bare() {
    "$work/$1" "$work/$1.sock" "$threads" "$workers" ${2:+"$2"} >>"$work/bare.log" 2>&1 &
    bare_pid=$!
    pids+=("$bare_pid")
    for _ in $(seq 50); do [ -S "$work/$1.sock" ] && return; sleep 0.1; done
    echo "$1 did not start" >&2; cat "$work/bare.log" >&2; exit 1
}
stop_bare() { { kill -KILL "$bare_pid" && wait "$bare_pid"; } 2>/dev/null || true; }

# lua NAME PATH_PREFIX HIGH [PATH_SUFFIX] [POST_BODY_PREFIX]: a wrk script asking for
# PREFIX<random 1..HIGH>SUFFIX; users, orders and mixed carry the bench user's token, the
# public reads (products, posts) are anonymous, as issue 8 describes them.
lua() {
    cat >"$work/$1.lua" <<LUA
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000003)
if "$1" == "users" or "$1" == "orders" or "$1" == "mixed" then wrk.headers["Authorization"] = "Bearer $bench_token" end
wrk.headers["Content-Type"] = "application/json"
request = function()
    local id = math.random(1, $3)
    if "$1" == "orders" then
        return wrk.format("POST", "/orders", nil, '{"items": [{"product_id": ' .. id .. ', "quantity": 1}]}')
    elseif "$1" == "mixed" then
        local pick = math.random(1, 3)
        if pick == 1 then return wrk.format(nil, "/products/" .. math.random(1, 200)) end
        if pick == 2 or not $has_posts then return wrk.format(nil, "/users/" .. math.random(1, 1000)) end
        return wrk.format(nil, "/posts?page=" .. math.random(1, 100) .. "&page_size=20")
    end
    return wrk.format(nil, "$2" .. id .. "${4:-}")
end
LUA
    echo "$work/$1.lua"
}

# Results by key: "rps p50 p99 non2xx" as `measure` prints them.
declare -A result
run() { result[$1]=$(measure "$1" "$2" "${@:3}"); echo "  $1: ${result[$1]}" >&2; }
rps() { echo "${result[$1]%% *}"; }

pool_json() { curl -fsS "$base/health/pool"; }
worker_pids() { pool_json | python3 -c 'import json, sys; print(" ".join(str(w["pid"]) for w in json.load(sys.stdin)["workers"]))'; }
served() { pool_json | python3 -c 'import json, sys; print(sum(w["requests_served"] for w in json.load(sys.stdin)["workers"]))'; }
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }
declare -A memory

echo "suite: ferry ${workers} workers × ${threads} threads; bare responders ${workers} processes × ${threads} threads" >&2
start_ferry "sqlite:///$work/root.db" --workers "$workers" --threads "$threads"
start_bare fixed-json
run nginx http://127.0.0.1:$((ferry_port + 1))/
run bare-json http://127.0.0.1:$((ferry_port + 2))/
run root "$base/"
stop_bare

for database in $databases; do
    if [ "$database" = sqlite ]; then url="sqlite:///$work/ferry.db"; else url=$(start_postgres ferry_suite); fi
    start_ferry "$url" --workers "$workers" --threads "$threads"
    # User 1 through the API (a real argon2 hash); everyone else shares that hash.
    api POST /auth/register -H 'Content-Type: application/json' \
        -d '{"username": "bench", "email": "bench@example.com", "password": "Bench-passw0rd"}' >/dev/null
    bench_token=$(token bench Bench-passw0rd)
    if [ "$database" = sqlite ]; then
        sql() { sqlite3 -batch "$work/ferry.db" "$@"; }
        has_posts=$([ -n "$(sql "SELECT name FROM sqlite_master WHERE name = 'posts'")" ] && echo true || echo false)
    else
        sql() { psql -qtAX -v ON_ERROR_STOP=1 "$url" "$@"; }
        has_posts=$([ -n "$(sql -c "SELECT to_regclass('posts')")" ] && echo true || echo false)
    fi
    hash=$(echo "SELECT hashed_password FROM users WHERE id = 1;" | sql)
    seeded=$(date +%s.%N)
    python3 Benchmarks/seed.py "$database" "$hash" $([ "$has_posts" = true ] && echo --posts) | sql >/dev/null
    # A live PostgreSQL has planner statistics and a visibility map (autovacuum keeps them);
    # a just-loaded one has neither until autovacuum's next round, a minute or so later.
    # Only the loaded tables: statistics saying `orders` is empty would make the order
    # statements' cached plans scan it whole, for the seconds the benchmark lasts.
    [ "$database" = postgresql ] && sql -c "VACUUM ANALYZE users, categories, products, tags, posts, post_tags" >/dev/null
    echo "  seeded $database in $(awk -v a="$seeded" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s (posts: $has_posts)" >&2
    [ "$database" = sqlite ] && bare=sqlite-product bare_url=$work/ferry.db port=$((ferry_port + 3)) \
                              || bare=postgres-product bare_url=$url port=$((ferry_port + 4))

    pids_start=$(worker_pids)
    for pid in $pids_start; do memory[$database-start-$pid]=$(rss_kb "$pid"); done
    start_bare "$bare" "$bare_url"
    run "bare-pk-$database" "http://127.0.0.1:$port/products/1" -s "$(lua bare-products /products/ 200)"
    stop_bare
    run "products-$database" "$base/products/1" -s "$(lua products /products/ 200)"
    run "users-$database" "$base/users/1" -s "$(lua users /users/ 1000)"
    if [ "$has_posts" = true ]; then
        run "posts-$database" "$base/posts" -s "$(lua posts "/posts?page=" 100 "&page_size=20")"
    fi
    run "orders-$database" "$base/orders" -s "$(lua orders /orders 200)"

    # Growth: RSS after the scenarios and a 10 s warm-up of the mixed reads (which fills the
    # caches that are meant to fill, e.g. SQLite's page cache of up to 2 MB per connection),
    # then after GROWTH_REQUESTS more mixed reads.
    mixed=$(lua mixed / 1)
    wrk -t2 -c32 -d10s -s "$mixed" "$base/" >/dev/null
    pids_loaded=$(worker_pids)
    for pid in $pids_loaded; do memory[$database-loaded-$pid]=$(rss_kb "$pid"); done
    before=$(served)
    while [ $(($(served) - before)) -lt "$growth_requests" ]; do wrk -t2 -c32 -d5s -s "$mixed" "$base/" >/dev/null; done
    memory[$database-requests]=$(($(served) - before))
    pids_after=$(worker_pids)
    for pid in $pids_after; do memory[$database-after-$pid]=$(rss_kb "$pid"); done
    memory[$database-pids]=$pids_after
    echo "  workers $pids_after: $(for pid in $pids_after; do echo -n "${memory[$database-after-$pid]} kB "; done)" >&2
    [ "$pids_start" = "$pids_after" ] || memory[$database-pids-changed]="workers changed: $pids_start -> $pids_after"
    stop_ferry
done

# ---- the table ----
row() {  # row SCENARIO KEY [REFERENCE_KEY REFERENCE_LABEL]
    [ -n "${result[$2]:-}" ] || return 0
    read -r r p50 p99 bad <<<"${result[$2]}"
    local ratio=-
    if [ -n "${3:-}" ] && [ -n "${result[$3]:-}" ]; then ratio="$(awk -v a="$r" -v b="$(rps "$3")" 'BEGIN { printf "%.2f", a / b }') × $4"; fi
    printf '| %s | %.0f | %s | %s | %s | %s |\n' "$1" "$r" "$p50" "$p99" "$bad" "$ratio"
}
printf '\n`Benchmarks/suite.sh`, %s, %s cores, wrk -t2 -c32 -d%s after a 2 s warm-up, through nginx.conf;\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$duration"
printf 'Ferry %s workers × %s thread(s), bare responders %s processes × %s thread(s).\n\n' "$workers" "$threads" "$workers" "$threads"
printf '| scenario | requests/s | p50 | p99 | non-2xx | ratio |\n|---|---:|---:|---:|---:|---|\n'
row 'nginx `return 200`' nginx
row "bare libfcgi (C), fixed JSON" bare-json nginx "nginx"
row 'Ferry `GET /`' root bare-json "bare JSON"
for database in $databases; do
    row "bare libfcgi (C), $database primary-key lookup" "bare-pk-$database" bare-json "bare JSON"
    row "Ferry \`GET /products/{id}\`, $database" "products-$database" "bare-pk-$database" "bare $database"
    row "Ferry \`GET /users/{id}\` + token, $database" "users-$database" "bare-pk-$database" "bare $database"
    row "Ferry \`GET /posts?page=…&page_size=20\`, $database" "posts-$database" "products-$database" "products"
    row "Ferry \`POST /orders\` one item, $database" "orders-$database" "products-$database" "products"
done

printf '\n| database | worker | VmRSS after start | after the scenarios + warm-up | after %s more requests | growth over those |\n|---|---|---:|---:|---:|---:|\n' "$growth_requests"
for database in $databases; do
    for pid in ${memory[$database-pids]}; do
        awk -v d="$database" -v p="$pid" -v s="${memory[$database-start-$pid]:-0}" -v l="${memory[$database-loaded-$pid]:-0}" \
            -v a="${memory[$database-after-$pid]}" 'BEGIN { g = 0; if (l > 0) g = (a - l) * 100 / l
            printf "| %s | %s | %.1f MB | %.1f MB | %.1f MB | %+.1f %% |\n", d, p, s / 1024, l / 1024, a / 1024, g }'
    done
    [ -n "${memory[$database-pids-changed]:-}" ] && echo "($database: ${memory[$database-pids-changed]})"
    echo "($database: ${memory[$database-requests]} requests served during the growth phase)"
done

# ---- the targets of issue 8 ----
verdict() { awk -v v="$2" -v t="$3" -v name="$1" 'BEGIN { ok = (v >= t) ? "met" : "MISSED"; printf "- %s: %.2f (target ≥ %s) %s\n", name, v, t, ok }'; }
ratio() { [ -n "${result[$1]:-}" ] && [ -n "${result[$2]:-}" ] && awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN { print a / b }'; }
ms() { awk -v x="$1" 'BEGIN { v = x + 0; if (x ~ /us$/) v = v / 1000; else if (x ~ /ms$/) v = v + 0; else if (x ~ /s$/) v = v * 1000; print v }'; }
printf '\nTargets (ratios in this run):\n'
verdict 'GET / vs bare JSON' "$(ratio root bare-json)" 0.9
for database in $databases; do
    verdict "GET /products/{id} vs bare primary-key lookup, $database" "$(ratio "products-$database" "bare-pk-$database")" 0.8
    [ -n "${result[posts-$database]:-}" ] && verdict "GET /posts page_size=20 vs GET /products/{id}, $database" "$(ratio "posts-$database" "products-$database")" 0.3
    [ "$database" = postgresql ] && verdict "POST /orders vs GET /products/{id}, $database" "$(ratio "orders-$database" "products-$database")" 0.2
done
for key in root products-sqlite users-sqlite posts-sqlite products-postgresql users-postgresql posts-postgresql; do
    [ -n "${result[$key]:-}" ] || continue
    read -r _ _ p99 bad <<<"${result[$key]}"
    awk -v k="$key" -v p="$(ms "$p99")" -v b="$bad" 'BEGIN { ok = (p < 10) ? "met" : "MISSED"; printf "- p99 %s: %.2f ms (target < 10 ms) %s; non-2xx %s\n", k, p, ok, b }'
done
for key in "${!result[@]}"; do
    read -r _ _ _ bad <<<"${result[$key]}"
    [ "$bad" = 0 ] || echo "- non-2xx in $key: $bad (target 0) MISSED"
done
for database in $databases; do
    for pid in ${memory[$database-pids]}; do
        awk -v d="$database" -v p="$pid" -v l="${memory[$database-loaded-$pid]:-0}" -v a="${memory[$database-after-$pid]}" 'BEGIN {
            g = 0; if (l > 0) g = (a - l) * 100 / l
            m = (a < 40 * 1024) ? "met" : "MISSED"; n = (g < 5) ? "met" : "MISSED"
            printf "- memory %s worker %s: %.1f MB (target < 40 MB) %s, growth %+.1f %% (target < 5 %%) %s\n", d, p, a / 1024, m, g, n }'
    done
done
