#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

The decoder seeds are real response bodies built from the mock server's
catalog (tools/mock-server/catalog.json), shaped like the mock server's
responses: list pages of 1-3 models and single model objects. Run it again
after changing the catalog; the output is deterministic.
"""
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "tools", "mock-server", "catalog.json")
OUT = os.path.join(HERE, "corpus")


def dumps(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def plain(model):
    """The model as GET /v1/models returns it without the beta header."""
    return {k: v for k, v in model.items() if k != "allowed_fallback_models"}


def page(models, has_more):
    return {
        "data": models,
        "first_id": models[0]["id"] if models else None,
        "has_more": has_more,
        "last_id": models[-1]["id"] if models else None,
    }


def write(target, name, body):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    data = body.encode("utf-8") if isinstance(body, str) else body
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    with open(CATALOG, encoding="utf-8") as f:
        models = json.load(f)["models"]
    by_id = {m["id"]: m for m in models}
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)

    # decode_list_page: pages of 0-3 models, first/middle/last of the catalog.
    write("fuzz_decode_list", "page_empty.json", dumps(page([], False)))
    write("fuzz_decode_list", "page_1_newest.json", dumps(page([plain(models[0])], True)))
    write("fuzz_decode_list", "page_2_middle.json", dumps(page([plain(m) for m in models[6:8]], True)))
    write("fuzz_decode_list", "page_3_last.json", dumps(page([plain(m) for m in models[-3:]], False)))
    # With the beta field the library must ignore, and pretty-printed.
    write("fuzz_decode_list", "page_1_fallbacks.json", dumps(page([models[0]], True)))
    write("fuzz_decode_list", "page_1_pretty.json",
          json.dumps(page([plain(models[2])], False), indent=2) + "\n")

    # decode_model: single models, with and without capabilities and nulls.
    for mid in ("claude-opus-4-6", "claude-haiku-4-5-20251001", "claude-3-7-sonnet-20250219", "claude-2.1"):
        write("fuzz_decode_model", "model_%s.json" % mid, dumps(plain(by_id[mid])))
    write("fuzz_decode_model", "model_fallbacks.json", dumps(models[1]))
    write("fuzz_decode_model", "model_minimal.json",
          dumps({"id": "claude-x", "type": "model", "display_name": "Claude X",
                 "created_at": "2025-01-01T00:00:00Z"}))

    # decode_error_body: the API's error shape, and what proxies send.
    errors = {
        "not_found.json": {"type": "error", "error": {"type": "not_found_error",
                                                        "message": "model: claude-nope"},
                           "request_id": "req_011CSHoEeqs5C35K2UUqR7Fy"},
        "rate_limit.json": {"type": "error", "error": {"type": "rate_limit_error",
                                                         "message": "Number of requests has exceeded your rate limit"}},
        "overloaded.json": {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}},
        "auth.json": {"type": "error", "error": {"type": "authentication_error",
                                                   "message": "invalid x-api-key"}},
        "null_fields.json": {"type": "error", "error": {"type": None, "message": None}},
    }
    for name, body in errors.items():
        write("fuzz_error_body", name, dumps(body))
    write("fuzz_error_body", "proxy.html",
          "<html><head><title>502 Bad Gateway</title></head><body>bad gateway</body></html>\n")
    # Raw UTF-8 and \u escapes (a surrogate pair included), written by hand.
    write("fuzz_error_body", "unicode.json",
          '{"type":"error","error":{"type":"invalid_request_error",'
          '"message":"caf\u00e9 \u2014 \\u00e9 \\ud83d\\ude00 \U0001F600"}}')

    # retry_after: "<retry-after-ms>\n<retry-after>\n<now>".
    retry = {
        "seconds_1": "\n1\n1700000000",
        "seconds_half": "\n0.5\n0",
        "seconds_120": "\n120\n",
        "http_date": "\nSun, 06 Nov 1994 08:49:37 GMT\n784111700",
        "http_date_past": "\nSun, 06 Nov 1994 08:49:37 GMT\n1700000000",
        "ms_wins": "250\n3\n0",
        "ms_only": " 1500.25 \n\n0",
        "rfc3339": "2025-09-29T00:00:00.5+02:00\n2025-09-29T00:00:00Z\n-1",
        "should_retry": " TRUE \n\tfalse\n0",
    }
    for name, body in retry.items():
        write("fuzz_retry_after", name, body)


if __name__ == "__main__":
    main()
