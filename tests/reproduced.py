#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Files a generator wrote again are byte for byte the committed ones.

Usage: reproduced.py [--all NAME-GLOB] GENERATED-DIR COMMITTED-DIR
Every file under GENERATED-DIR must equal the file at the same relative path
under COMMITTED-DIR; with --all, every committed file matching NAME-GLOB must
also have been generated (nothing committed is left behind).
"""
import argparse
import filecmp
import fnmatch
import os
import sys


def files(top, pattern="*"):
    for folder, _, names in os.walk(top):
        for name in names:
            if fnmatch.fnmatch(name, pattern):
                yield os.path.relpath(os.path.join(folder, name), top)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--all", metavar="NAME-GLOB")
    p.add_argument("generated")
    p.add_argument("committed")
    args = p.parse_args()
    made = sorted(files(args.generated))
    bad = [f"{rel} differs from what the generator writes" for rel in made
           if not os.path.exists(os.path.join(args.committed, rel)) or
           not filecmp.cmp(os.path.join(args.generated, rel),
                           os.path.join(args.committed, rel), shallow=False)]
    if args.all:
        bad += [f"{rel} is committed but no longer generated"
                for rel in sorted(files(args.committed, args.all)) if rel not in made]
    if not made:
        bad.append("the generator wrote nothing")
    for b in bad:
        print(f"FAIL: {b}", file=sys.stderr)
    print(f"{len(made)} files reproduced, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
