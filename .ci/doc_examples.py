#!/usr/bin/env python3
"""List the public items of a crate whose docs have no code example.

Reads the rustdoc JSON of the crate (format 57, the pinned toolchain's) and
walks it from the crate root as a user sees it (through `pub use`
re-exports), printing each public module-level item (struct, enum, trait,
type alias, function, constant) and each public inherent method / trait
method whose doc comment has no ``` block, then the count on stderr.

    DOCS_RS=1 RUSTC_BOOTSTRAP=1 \
        RUSTDOCFLAGS="--cfg docsrs -Z unstable-options --output-format json" \
        cargo doc --no-deps -p zmq --features draft,tokio,tracing
    python3 .ci/doc_examples.py target/doc/zmq.json --first-calls --check

--types-only: module-level items only; --first-calls: methods only when
named in FIRST_CALLS (the ones a user is likely to call first); without
either, every method. --check: exit 1 when any item is listed.
"""
import json
import sys

# The methods a user is likely to call first: constructors, bind/connect,
# send/receive, subscribe, polling, running and stopping, the usual options.
FIRST_CALLS = set("""
    new try_new instance with_io_threads socket dynamic_socket shutdown destroy
    bind connect unbind disconnect close connect_scoped monitor
    send send_more send_msg send_multipart try_send try_send_multipart
    send_tracked recv recv_msg recv_into recv_string recv_multipart try_recv
    try_recv_into try_recv_multipart recv_multipart_n try_recv_multipart_n
    subscribe unsubscribe join leave poll wait wait_timeout is_readable ready
    add remove run start stop execute timeout cancel pause resume terminate
    statistics allow deny configure_curve add_plain_user load save
    set_linger set_rcvtimeo set_sndtimeo set_hwm set_routing_id
    set_curve_server_keys set_curve_client set_plain_server set_plain_client
    cause from_z85 to_z85 push_back pop_front iter encode decode into_message
""".split())

KINDS = {"struct", "enum", "trait", "type_alias", "function", "constant", "union", "macro"}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    types_only = "--types-only" in sys.argv
    check = "--check" in sys.argv
    first_calls = "--first-calls" in sys.argv
    doc = json.load(open(args[0]))
    index = doc["index"]

    def has_example(item):
        return "```" in (item.get("docs") or "")

    def kind(item):
        return next(iter(item["inner"]))

    seen = set()
    missing = []
    total = 0

    def visit(item_id, parent, alias=None):
        """parent: the module path; alias: the name a re-export gives."""
        nonlocal total
        item = index.get(str(item_id))
        if item is None or item["crate_id"] != 0:
            return
        k = kind(item)
        if k == "use":
            use = item["inner"]["use"]
            if use["id"] is None:
                return
            target = index.get(str(use["id"]))
            if target is None:
                return
            if use["is_glob"]:
                for child in target["inner"].get("module", {}).get("items", []):
                    visit(child, parent)
            else:
                visit(use["id"], parent, use["name"])
            return
        if item["visibility"] != "public":
            return
        full = "::".join(parent + [alias or item.get("name")])
        if k == "module":
            if item_id in seen:
                return
            seen.add(item_id)
            for child in item["inner"]["module"]["items"]:
                visit(child, parent + [alias or item["name"]])
            return
        if k not in KINDS:
            return
        if item_id in seen:
            return
        seen.add(item_id)
        total += 1
        if not has_example(item):
            missing.append((full, k))
        if types_only:
            return
        # Methods: inherent impls of structs/enums, items of traits.
        inner = item["inner"][k]
        method_ids = []
        if k in ("struct", "enum", "union"):
            for impl_id in inner.get("impls", []):
                impl = index[str(impl_id)]["inner"]["impl"]
                if impl["trait"] is None and not impl.get("is_synthetic"):
                    method_ids += impl["items"]
        elif k == "trait":
            method_ids = inner["items"]
        for mid in method_ids:
            m = index[str(mid)]
            if kind(m) != "function":
                continue
            if k != "trait" and m["visibility"] != "public":
                continue
            if first_calls and m["name"] not in FIRST_CALLS:
                continue
            if mid in seen:
                continue
            seen.add(mid)
            total += 1
            if not has_example(m):
                missing.append((full + "::" + m["name"], "method"))

    root = index[str(doc["root"])]
    for child in root["inner"]["module"]["items"]:
        visit(child, [root["name"]])

    for full, k in sorted(missing):
        print(f"{k:10} {full}")
    print(f"{len(missing)} of {total} public items have no example", file=sys.stderr)
    return 1 if check and missing else 0


if __name__ == "__main__":
    sys.exit(main())
