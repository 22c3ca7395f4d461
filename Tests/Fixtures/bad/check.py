#!/usr/bin/env python3
"""Run every case in manifest.json against a qgate binary (cwd = repo root).

usage: python3 Tests/Fixtures/bad/check.py PATH/TO/qgate [NAME-SUBSTRING...]
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    binary = os.path.abspath(sys.argv[1])
    only = sys.argv[2:]
    with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as f:
        cases = json.load(f)
    failed = 0
    for case in cases:
        if only and not any(s in case["name"] for s in only):
            continue
        try:
            p = subprocess.run([binary, *case["args"]], cwd=ROOT, capture_output=True, timeout=30)
            out = p.stdout.decode("utf-8", "replace")
            err = p.stderr.decode("utf-8", "replace")
            code = p.returncode
        except subprocess.TimeoutExpired:
            out, err, code = "", "", "timeout"
        problems = []
        if code != case["exit"]:
            problems.append(f"exit {code}, expected {case['exit']}")
        for frag in case.get("stderr", []):
            if frag not in err:
                problems.append(f"stderr lacks {frag!r}")
        for frag in case.get("stdout", []):
            if frag not in out:
                problems.append(f"stdout lacks {frag!r}")
        for frag in case.get("stderr_not", []):
            if frag in err:
                problems.append(f"stderr contains {frag!r}")
        if problems:
            failed += 1
            print(f"FAIL {case['name']}")
            for msg in problems:
                print(f"     {msg}")
            for line in err.rstrip().splitlines()[:6]:
                print(f"     | {line}")
        else:
            print(f"pass {case['name']}")
    total = len(cases) if not only else "selected"
    print(f"\n{failed} failed of {total} cases")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
