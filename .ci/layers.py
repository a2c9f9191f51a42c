#!/usr/bin/env python3
"""Checks that imports in src/ point down and that no files import each other in a circle.

Every .rs file under src/ belongs to a wing (a top-level module) and, inside some
wings, to a level. A file may name (in a `use` line or in a path in its code) a module
of a lower wing, or of its own wing at the same or a lower level; anything else is an
upward import. Separately, the files and the imports between them form a graph, and
any circle in it (a strongly connected part of more than one file) is reported whatever
the layers say.

Wings, top to bottom (a future wing takes the place named in brackets):
    main        src/main.rs: hands over to cli
    cli         the command line: nothing but main.rs imports it
    [serve]     the SSH server, above the explorer it runs per channel
    explorer    the terminal UI (it may export: the `e` key)
    export      records to CSV, JSON, JSON Lines
    [import]    registry files to records
    settings    flags, environment and config file; imports only the leaves
    search      the engine and its persisted cache (search/cache)
    data        the format, loading, checking, lookups, presentation
    leaf        sanitize, env: import nothing of the crate
Inside explorer and data, levels (LAYERS) order the parts the same way: the state
never imports rendering, the checks never import the loader.

What counts as an import of a module: `use crate::a::b`, `use super::x`, `use self::x`,
`use child::x` (groups expanded), and the same paths written in code
(`crate::a::b::f()`). A path names the deepest module it reaches
(`crate::data::db::Db` names data/db.rs). Declaring a child (`mod x;`) is not an import.
Comments and string literals are ignored.

An upward import that must stay carries the marker `layers: allow-up` in a comment on
its line or the line above, then a few words on why; at most MAX_ALLOWED may exist, and a
marker on a line that imports nothing upward is itself an error.

Usage: .ci/layers.py [--root DIR] [--layers FILE.json] [--self-test]
    --root    the crate directory (default: this script's parent's parent)
    --layers  a JSON object {"module::path": [wing, level]} replacing LAYERS (for
              measuring an older tree whose modules had other names)
    --self-test  check the checker on a small tree with one problem of each kind
Exit status 0 when clean, 1 with every offending line listed.
"""

import bisect
import json
import os
import re
import sys

WINGS = ["main", "cli", "serve", "explorer", "export", "import", "settings", "search", "data", "leaf"]

# Module path prefix -> (wing, level inside the wing; higher is above). The longest
# prefix that matches a file's module path wins.
LAYERS = {
    "<main>": ("main", 0),
    "cli": ("cli", 0),
    "serve": ("serve", 0),
    # The explorer: the terminal owner above rendering, rendering above the state, the
    # state above the pure geometry, and the geometry above what keys and tabs are.
    "explorer": ("explorer", 9),
    "explorer::run": ("explorer", 9),
    "explorer::screen": ("explorer", 9),
    "explorer::ui": ("explorer", 8),
    "explorer::app": ("explorer", 7),
    "explorer::layout": ("explorer", 6),
    "explorer::keymap": ("explorer", 5),
    "explorer::tabs": ("explorer", 5),
    "explorer::term": ("explorer", 5),
    "explorer::clipboard": ("explorer", 5),
    "explorer::watch": ("explorer", 5),
    "explorer::decode": ("explorer", 5),
    "explorer::action": ("explorer", 4),
    "export": ("export", 0),
    "import": ("import", 0),
    "settings": ("settings", 0),
    "search": ("search", 0),
    # The data: loading above checking, both above the problem types they share.
    "data": ("data", 9),
    "data::layers": ("data", 9),
    "data::load": ("data", 8),
    "data::check": ("data", 7),
    "data::present": ("data", 6),
    "data::db": ("data", 5),
    "data::problems": ("data", 4),
    "data::model": ("data", 3),
    "sanitize": ("leaf", 0),
    "env": ("leaf", 0),
}

# Wings that may import only the wings listed, though others lie below them.
ONLY = {
    # Settings are plain configuration: they know nothing of the data or the engine.
    "settings": {"leaf"},
}

MARKER = "layers: allow-up"
MAX_ALLOWED = 2

RAW_STRING = re.compile(r'b?r(#*)"')


def strip(text):
    """The code with comments, strings and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif (m := RAW_STRING.match(text, i)) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + m.group(1)
            j = text.find(end, m.end())
            j = n if j < 0 else j + len(end)
            out.append(blank(text[i:j]))
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"))):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(blank(text[i : j + 1]))
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{1b}') or a lifetime ('a, 'static).
            if text.startswith("\\", i + 1):
                j = text.find("'", i + 2)
                j = n if j < 0 else j + 1
            elif i + 2 < n and text[i + 2] == "'":
                j = i + 3
            else:
                out.append(c)
                i += 1
                continue
            out.append(blank(text[i:j]))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def modules(src):
    """Module path (tuple) -> file, and file -> module path, from the files under src/."""
    by_path, by_file = {}, {}
    for dirpath, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, name), src).replace(os.sep, "/")
            parts = rel[:-3].split("/")
            if rel == "lib.rs":
                mod = ()
            elif rel == "main.rs":
                mod = ("<main>",)
            elif parts[-1] == "mod":
                mod = tuple(parts[:-1])
            else:
                mod = tuple(parts)
            by_path[mod] = rel
            by_file[rel] = mod
    # `#[path = "x.rs"] mod name;` gives a file another module path.
    for rel, mod in list(by_file.items()):
        code = strip(open(os.path.join(src, rel), encoding="utf-8").read())
        raw = open(os.path.join(src, rel), encoding="utf-8").read()
        for m in re.finditer(r'#\[path\s*=\s*"([^"]+)"\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;', raw):
            if m.group(2) not in code[m.start() : m.end() + 1]:
                continue
            base = os.path.dirname(rel)
            target = os.path.normpath(os.path.join(base, m.group(1))).replace(os.sep, "/")
            if target in by_file:
                del by_path[by_file[target]]
                by_file[target] = mod + (m.group(2),)
                by_path[mod + (m.group(2),)] = target
    return by_path, by_file


USE = re.compile(r"(?<![\w:])use\s+")
PATH = re.compile(r"(?<![\w:])(crate|super|self|shuibei)((?:\s*::\s*\w+)+)")
TOKEN = re.compile(r"\w+|::|[{},*;]")


def use_paths(tokens, prefix=()):
    """Expands a use tree (tokens after `use`) into full paths; consumes the tokens."""
    paths, path = [], list(prefix)
    while tokens:
        t = tokens.pop(0)
        if t == "::":
            continue
        if t == "{":
            while tokens and tokens[0] != "}":
                paths += use_paths(tokens, tuple(path))
                if tokens and tokens[0] == ",":
                    tokens.pop(0)
            if tokens:
                tokens.pop(0)
            return paths
        if t in (",", "}", ";"):
            tokens.insert(0, t)
            break
        if t == "as":
            tokens.pop(0)
            continue
        if t == "*":
            continue
        if t == "self":
            if path:
                continue
        path.append(t)
    paths.append(tuple(path))
    return paths


def scopes(code):
    """For each offset, the inline modules (`mod x { … }`) it sits in: a list of
    (start, end, name), innermost last when sorted by start."""
    found, stack, depth = [], [], 0
    for m in re.finditer(r"\bmod\s+(\w+)\s*\{|[{}]", code):
        if m.group(0).startswith("mod"):
            depth += 1
            stack.append((m.start(), depth, m.group(1)))
        elif m.group(0) == "{":
            depth += 1
        else:
            if stack and stack[-1][1] == depth:
                start, _, name = stack.pop()
                found.append((start, m.end(), name))
            depth -= 1
    return found


def module_at(mod, inline, offset):
    inner = sorted((s for s in inline if s[0] <= offset < s[1]), key=lambda s: s[0])
    return mod + tuple(name for _, _, name in inner)


def resolve(path, here, by_path, children, main):
    """The file a path names, or None for a path outside the crate."""
    head, rest = path[0], list(path[1:])
    if head == "crate" or (main and head == "shuibei"):
        base = ()
    elif head in ("super", "self"):
        base = list(here)
        rest = list(path)
        while rest and rest[0] in ("super", "self"):
            if rest.pop(0) == "super":
                base = base[:-1]
        base = tuple(base)
    elif head in children.get(here, ()):
        base, rest = here, list(path)
    else:
        return None
    full = base + tuple(rest)
    for cut in range(len(full), -1, -1):
        if full[:cut] in by_path:
            return by_path[full[:cut]]
    return None


def layer(mod, table):
    name = "::".join(mod)
    best = None
    for prefix, value in table.items():
        if name == prefix or name.startswith(prefix + "::"):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, value)
    return best[1] if best else None


def imports(src, by_path, by_file):
    """(from file, line, text, to file) for every import between two files."""
    children = {}
    for mod in by_path:
        if mod and mod != ("<main>",):
            children.setdefault(mod[:-1], set()).add(mod[-1])
    edges = []
    for rel, mod in sorted(by_file.items()):
        raw = open(os.path.join(src, rel), encoding="utf-8").read()
        code = strip(raw)
        lines = raw.split("\n")
        inline = scopes(code)
        for s in inline:
            children.setdefault(module_at(mod, inline, s[0]), set())
        starts = [0] + [m.end() for m in re.finditer("\n", code)]
        line_of = lambda off: bisect.bisect_right(starts, off)  # noqa: E731
        seen = set()

        def add(offset, path):
            here = module_at(mod, inline, offset)
            target = resolve(path, here, by_path, children, rel == "main.rs")
            if target is None or target == rel:
                return
            line = line_of(offset)
            key = (line, target)
            if key not in seen:
                seen.add(key)
                edges.append((rel, line, lines[line - 1].strip(), target, "::".join(path)))

        used = []
        for m in USE.finditer(code):
            end = code.find(";", m.end())
            end = len(code) if end < 0 else end
            used.append((m.start(), end))
            tokens = TOKEN.findall(code[m.end() : end])
            for path in use_paths(tokens):
                if path:
                    add(m.start(), path)
        for m in PATH.finditer(code):
            if any(a <= m.start() < b for a, b in used):
                continue
            path = (m.group(1),) + tuple(p for p in re.split(r"\s*::\s*", m.group(2)) if p)
            add(m.start(), path)
        # Paths through a child module: `child::f()`.
        names = children.get(mod, set())
        if names:
            child = re.compile(r"(?<![\w:])(%s)((?:\s*::\s*\w+)+)" % "|".join(map(re.escape, sorted(names))))
            for m in child.finditer(code):
                if any(a <= m.start() < b for a, b in used):
                    continue
                if module_at(mod, inline, m.start()) != mod:
                    continue
                path = (m.group(1),) + tuple(p for p in re.split(r"\s*::\s*", m.group(2)) if p)
                add(m.start(), path)
    return edges


def circles(files, edges):
    """The strongly connected parts of more than one file (Tarjan, iterative)."""
    graph = {f: set() for f in files}
    for a, _, _, b, _ in edges:
        graph[a].add(b)
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = []
                while True:
                    top = stack.pop()
                    on.discard(top)
                    part.append(top)
                    if top == node:
                        break
                if len(part) > 1:
                    out.append(sorted(part))
    return sorted(out, key=lambda p: (-len(p), p))


def shortest_circle(part, edges):
    """One shortest circle through the first file of a strongly connected part, as the
    import lines that close it."""
    inside = set(part)
    first = {}
    for a, line, text, b, _ in edges:
        if a in inside and b in inside and (a, b) not in first:
            first[(a, b)] = (line, text)
    start = part[0]
    paths = {start: []}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for (a, b), (line, text) in sorted(first.items()):
            if a != node:
                continue
            hop = paths[node] + [(a, line, text, b)]
            if b == start:
                return hop
            if b not in paths:
                paths[b] = hop
                queue.append(b)
    return []


def check(root, table):
    """The problems of the tree at `root` (a list of messages) and a one-line summary."""
    src = os.path.join(root, "src")
    by_path, by_file = modules(src)
    edges = imports(src, by_path, by_file)
    problems = []

    places = {}
    for rel, mod in by_file.items():
        if mod == ():
            continue
        place = layer(mod, table)
        if place is None:
            problems.append(f"src/{rel}: belongs to no wing; add its module to LAYERS in .ci/layers.py")
        elif place[0] not in WINGS:
            problems.append(f"src/{rel}: wing {place[0]!r} is not in WINGS")
        else:
            places[rel] = place

    def above(a, b):
        """Why an import from place a to place b points the wrong way, or None."""
        (wa, la), (wb, lb) = a, b
        if wa == wb:
            return f"level {lb} is above level {la} in {wa}" if lb > la else None
        ra, rb = WINGS.index(wa), WINGS.index(wb)
        if rb < ra:
            return f"{wb} is above {wa}"
        if wa in ONLY and wb not in ONLY[wa]:
            return f"{wa} may import only {', '.join(sorted(ONLY[wa]))}"
        return None

    raw_lines = {rel: open(os.path.join(src, rel), encoding="utf-8").read().split("\n") for rel in by_file}
    marked = {}
    for rel, lines in raw_lines.items():
        for i, text in enumerate(lines):
            if MARKER in text:
                marked[(rel, i + 1)] = text.split(MARKER, 1)[1].strip(" :-—()")
    used_markers, upward, allowed = set(), [], []
    for rel, line, text, target, path in edges:
        if rel == "lib.rs" or rel not in places or target not in places:
            continue
        if target == "lib.rs":
            why = "the crate root is above every wing"
        else:
            why = above(places[rel], places[target])
        if why is None:
            continue
        marker = next((m for m in [(rel, line), (rel, line - 1)] if m in marked), None)
        if marker:
            used_markers.add(marker)
            allowed.append((rel, line, text, target, why))
        else:
            upward.append((rel, line, text, target, path, why))
    for rel, line in sorted(set(marked) - used_markers):
        problems.append(f"src/{rel}:{line}: '{MARKER}' marks no upward import; remove it")
    for rel, line in sorted(used_markers):
        if len(marked[(rel, line)].split()) < 3:
            problems.append(f"src/{rel}:{line}: say after '{MARKER}' why the import must point up")
    if len(allowed) > MAX_ALLOWED:
        problems.append(f"{len(allowed)} upward imports are allowed by markers; at most {MAX_ALLOWED} may be")
    for rel, line, text, target, path, why in upward:
        problems.append(f"src/{rel}:{line}: upward import of src/{target} ({path}): {why}\n    {text}")

    parts = circles(list(by_file), edges)
    for part in parts:
        hops = "\n".join(f"    src/{a}:{l} -> src/{b}: {t}" for a, l, t, b in shortest_circle(part, edges))
        problems.append(
            f"circle of {len(part)} files: " + ", ".join(f"src/{p}" for p in part) + "\n  one way round:\n" + hops
        )

    summary = (
        f"layers: {len(by_file)} files, {len(edges)} imports between files; "
        f"{len(upward)} upward (+{len(allowed)} allowed by '{MARKER}'), "
        f"{len(parts)} circles" + (f" ({', '.join(str(len(p)) for p in parts)} files)" if parts else "")
    )
    return problems, summary


def self_test():
    """Checks the checker on a small tree with one of each problem."""
    import tempfile

    files = {
        "lib.rs": "pub mod cli; pub mod data; pub mod env; pub mod sanitize; pub mod settings;",
        "main.rs": "fn main() { shuibei::cli::main(); }",
        "cli/mod.rs": "mod args; use crate::data::load::load; pub fn main() {}",
        "cli/args.rs": "pub struct Cli;",
        "data/mod.rs": "pub mod db; pub mod load; pub mod check;",
        # Upward: data names the command line; in a string and a comment it does not count.
        "data/db.rs": 'pub struct Db; fn f() { let _ = "crate::cli::main"; /* crate::cli */ crate::cli::args::Cli; }',
        # Check and load import each other: a circle, and check's import points up.
        "data/load.rs": "use super::check::verify;\npub fn load() {}",
        "data/check.rs": "use crate::data::{db::Db, load::load};\npub fn verify() {}",
        # Allowed by a marker that says why.
        "settings/mod.rs": "// layers: allow-up: the test needs one allowed import\nuse crate::data::db::Db;",
        "sanitize.rs": "#[cfg(test)]\nmod tests { use super::*; use crate::env::Env; }",
        "env.rs": "pub struct Env; // layers: allow-up\n",
    }
    with tempfile.TemporaryDirectory() as root:
        for rel, text in files.items():
            path = os.path.join(root, "src", rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        problems, summary = check(root, LAYERS)
    text = "\n".join(problems)
    expected = [
        "src/data/db.rs:1: upward import of src/cli/args.rs (crate::cli::args::Cli): cli is above data",
        "src/data/check.rs:1: upward import of src/data/load.rs (crate::data::load::load): level 8 is above level 7 in data",
        "circle of 2 files: src/data/check.rs, src/data/load.rs",
        "src/env.rs:1: 'layers: allow-up' marks no upward import; remove it",
        "2 upward (+1 allowed",
        "1 circles (2 files)",
    ]
    missing = [e for e in expected if e not in text + "\n" + summary]
    if missing or len(problems) != len(expected) - 2:
        print("layers self-test failed\nmissing: %s\ngot:\n%s\n%s" % (missing, text, summary))
        return 1
    print("layers self-test: ok")
    return 0


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    table = LAYERS
    args = list(argv)
    while args:
        flag = args.pop(0)
        if flag == "--root" and args:
            root = args.pop(0)
        elif flag == "--layers" and args:
            table = {k: tuple(v) for k, v in json.load(open(args.pop(0), encoding="utf-8")).items()}
        elif flag == "--self-test":
            return self_test()
        else:
            print(__doc__.split("Usage:")[1].strip(), file=sys.stderr)
            return 2
    problems, summary = check(root, table)
    for p in problems:
        print(p)
    print(summary)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
