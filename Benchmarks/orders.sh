#!/usr/bin/env bash
# POST /orders (one item) through nginx, on SQLite and on PostgreSQL, beside a
# primary-key read (GET /products/{id}) on the same database in the same run.
#
#   Benchmarks/orders.sh [--workers W] [--threads T] [--duration 10s]
#
# Ferry runs with `ferry serve`'s own defaults unless --workers/--threads say otherwise.
threads="" workers=""
source "$(dirname "$0")/lib.sh" "$@"
start_nginx

# seed DATABASE_URL: a superuser, a buyer and a product with stock enough for any run.
seed() {
    DATABASE_URL=$1 "$ferry" createsuperuser --username admin --email admin@example.com --password Passw0rd >/dev/null
    api POST /auth/register -H 'Content-Type: application/json' \
        -d '{"username": "buyer", "email": "buyer@example.com", "password": "Passw0rd"}' >/dev/null
    local admin_token; admin_token=$(token admin Passw0rd)
    product=$(api POST /products -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
        -d '{"name": "Widget", "price": "9.99", "sku": "W-1", "stock_quantity": 2000000000}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
    buyer_token=$(token buyer Passw0rd)
    cat >"$work/order.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"items": [{"product_id": $product, "quantity": 1}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $buyer_token"
LUA
}

table_header "vs GET"
for database in sqlite postgresql; do
    if [ "$database" = sqlite ]; then url="sqlite:///$work/orders.db"; else url=$(start_postgres ferry_orders); fi
    start_ferry "$url" ${workers:+--workers "$workers"} ${threads:+--threads "$threads"}
    seed "$url"
    read_row=$(measure "read-$database" "http://127.0.0.1:$ferry_port/products/$product")
    order_row=$(measure "orders-$database" "http://127.0.0.1:$ferry_port/orders" -s "$work/order.lua")
    table_row "GET /products/{id} ($database)" "$read_row"
    table_row "POST /orders, one item ($database)" "$order_row" "${read_row%% *}"
done
