#!/usr/bin/env python3
"""Seeds a running Ferry with published posts through its API (the same path clients take).

    Benchmarks/seed-posts.py http://127.0.0.1:18080 2000

Ten authors, each post with three of forty tags and a paragraph of content. Deterministic.
"""
import http.client
import json
import random
import sys
import urllib.parse

base, count = sys.argv[1], int(sys.argv[2])
url = urllib.parse.urlparse(base)
connection = http.client.HTTPConnection(url.hostname, url.port)


def call(method, path, body=None, token=None, form=False):
    headers = {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if form:
        payload = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    else:
        payload = None
    connection.request(method, path, payload, headers)
    response = connection.getresponse()
    data = response.read()
    if response.status >= 300:
        sys.exit(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else None


tokens = []
for index in range(10):
    name = f"author{index}"
    call("POST", "/auth/register", {"username": name, "email": f"{name}@example.com", "password": "Passw0rd"})
    tokens.append(call("POST", "/auth/token", {"username": name, "password": "Passw0rd"}, form=True)["access_token"])

rng = random.Random(7)
tags = [f"Topic {n}" for n in range(40)]
words = "swift fastcgi nginx sqlite postgres worker thread pool query index page author tag comment".split()
for index in range(count):
    content = " ".join(rng.choice(words) for _ in range(80))
    call("POST", "/posts", {
        "title": f"Post number {index}: {rng.choice(words)} and {rng.choice(words)}",
        "content": content, "status": "published", "tags": rng.sample(tags, 3),
    }, token=tokens[index % len(tokens)])
print(f"seeded {count} posts", file=sys.stderr)
