"""Checks that schema/quality-gates.schema.json and `qgate validate` agree.

    python3 dev/check_policy_schema.py .build/debug/qgate

Every example policy in the repository and Tests/Fixtures/schema/good/ must be
accepted by both; every policy in Tests/Fixtures/schema/bad/ rejected by both
(the bad corpus holds structural mistakes, the ones a schema can see: a policy
that only `qgate validate` can reject, such as `min` above `max`, does not
belong there). Needs PyYAML and jsonschema (check-jsonschema's dependency).
Exits 1 on any disagreement.
"""

import glob
import json
import os
import subprocess
import sys

import jsonschema
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    qgate = os.path.abspath(sys.argv[1])
    with open(os.path.join(ROOT, "schema", "quality-gates.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    good = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/schema/good/*.yaml")))
    good += [os.path.join(ROOT, "quality-gates.yaml")]
    good += sorted(glob.glob(os.path.join(ROOT, "Examples/*/quality-gates.yaml")))
    bad = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/schema/bad/*.yaml")))
    disagreements = 0
    for expected, paths in (("valid", good), ("invalid", bad)):
        for path in paths:
            with open(path, encoding="utf-8") as f:
                document = yaml.safe_load(f)
            errors = list(validator.iter_errors(document))
            by_schema = "invalid" if errors else "valid"
            done = subprocess.run([qgate, "validate", "--config", path], capture_output=True, text=True)
            by_qgate = {0: "valid", 2: "invalid"}.get(done.returncode, f"exit {done.returncode}")
            ok = by_schema == by_qgate == expected
            disagreements += not ok
            name = os.path.relpath(path, ROOT)
            print(f"{'ok  ' if ok else 'FAIL'} {name}: schema {by_schema}, qgate {by_qgate}, expected {expected}")
            if not ok and errors:
                print(f"       schema: {errors[0].message}")
    print(f"{len(good) + len(bad)} policies, {disagreements} disagreements")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
