"""`qgate drift sql --dialect postgresql` run for real: a throwaway PostgreSQL
cluster (Debian's `postgresql` package: initdb, pg_ctl, psql; run as `nobody`
when we are root, as initdb refuses root) listening on a Unix socket only, and
the checks of dev/histogram_engines.py through `psql`.

    python3 dev/test_postgres_histograms.py [--qgate .build/debug/qgate]

Exits 0 with a SKIPPED line when the PostgreSQL server binaries are absent.
"""

import argparse
import glob
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import histogram_engines  # noqa: E402


def literal(value, kind):
    if value is None:
        return "NULL"
    if kind == "double":
        if math.isnan(value):
            return "'NaN'::float8"
        if math.isinf(value):
            return "'Infinity'::float8" if value > 0 else "'-Infinity'::float8"
        return repr(value) + "::float8"
    return "'" + value.replace("'", "''") + "'"


def ident(name):
    return '"' + name.replace('"', '""') + '"'


class Cluster:
    def __init__(self, bindir, work):
        self.bindir, self.work = bindir, work
        self.socket = os.path.join(work, "socket")
        os.makedirs(self.socket)
        self.prefix = ["runuser", "-u", "nobody", "--"] if os.getuid() == 0 else []
        if self.prefix:
            for path in (work, self.socket):
                os.chmod(path, 0o777)
        self.data = os.path.join(work, "data")

    def start(self):
        subprocess.run(
            self.prefix + [f"{self.bindir}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )
        options = f"-k {self.socket} -c listen_addresses=''"
        subprocess.run(
            self.prefix + [f"{self.bindir}/pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.work, "log"), "-w", "start"],
            check=True,
            capture_output=True,
        )

    def stop(self):
        subprocess.run(self.prefix + [f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "fast", "stop"], capture_output=True)

    def psql(self, script):
        p = subprocess.run(
            [f"{self.bindir}/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.socket, "-U", "postgres"],
            input=script,
            capture_output=True,
            text=True,
        )
        if p.returncode != 0:
            raise AssertionError(f"psql failed:\n{p.stderr}")
        return p.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--qgate", default=".build/debug/qgate")
    args = parser.parse_args()
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        print("SKIPPED dev/test_postgres_histograms.py: no PostgreSQL server (apt-get install postgresql)")
        return
    work = tempfile.mkdtemp(prefix="qgate-pg-")
    cluster = Cluster(os.path.dirname(found[-1]), work)
    cluster.start()
    loaded = set()

    def run(sql, tables):
        setup = []
        for name, (schema, rows) in tables.items():
            if name in loaded:
                continue
            loaded.add(name)
            cols = ", ".join(f"{ident(c)} {'DOUBLE PRECISION' if t == 'double' else 'TEXT'}" for c, t in schema)
            setup.append(f"CREATE TABLE {ident(name)} ({cols});")
            values = ",\n".join("(" + ", ".join(literal(v, t) for v, (_, t) in zip(row, schema)) + ")" for row in rows)
            setup.append(f"INSERT INTO {ident(name)} VALUES\n{values};")
        out = cluster.psql("\n".join(setup) + "\n" + sql)
        return out.rstrip("\n")

    try:
        files = os.path.join(work, "files")
        os.makedirs(files)
        histogram_engines.check(os.path.abspath(args.qgate), run, files, "postgresql")
        version = cluster.psql("SHOW server_version;").strip()
        print(f"postgresql {version}: all histogram checks passed")
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
