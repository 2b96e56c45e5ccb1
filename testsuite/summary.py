#!/usr/bin/env python3
"""Count the results of a meson test run, test case by test case.

Reads meson's testlog.json. Every test speaks TAP, so each "ok"/"not ok" line is one case
("# SKIP" makes it a skip); a test that printed no TAP line counts as one case by its result.
A test that failed as a whole (crash, timeout, bad plan) while its lines all passed adds one
failure, so no failure is ever lost. Prints a table per suite and, last, the line
"N passed, N failed, N skipped"; exits 1 if anything failed.
"""
import json
import re
import sys

TAP_LINE = re.compile(r'^(not )?ok\b(?:\s+\d+)?\s*(?:-\s*)?(.*)$')
TAP_SKIP_ALL = re.compile(r'^1\.\.0\s*#\s*SKIP', re.IGNORECASE)


def count_test(entry):
    """Returns (passed, failed, skipped, failure names) for one meson test entry."""
    passed = failed = skipped = 0
    failures = []
    stdout = entry.get('stdout') or ''
    for line in stdout.splitlines():
        if TAP_SKIP_ALL.match(line):
            skipped += 1
            continue
        m = TAP_LINE.match(line)
        if not m:
            continue
        desc = m.group(2)
        if m.group(1):
            failed += 1
            failures.append(f"{entry['name']}: {desc}")
        elif re.search(r'#\s*SKIP', desc, re.IGNORECASE):
            skipped += 1
        else:
            passed += 1
    result = entry.get('result', 'ERROR')
    whole_failed = result in ('FAIL', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS', 'INTERRUPT')
    if passed + failed + skipped == 0:
        if result == 'SKIP':
            skipped = 1
        elif whole_failed:
            failed = 1
            failures.append(f"{entry['name']}: {result}")
        else:
            passed = 1
    elif whole_failed and failed == 0:
        failed += 1
        failures.append(f"{entry['name']}: {result} (exit status {entry.get('returncode')})")
    return passed, failed, skipped, failures


def main(path):
    suites = {}
    failures = []
    with open(path, encoding='utf-8', errors='replace') as log:
        for raw in log:
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except json.JSONDecodeError:
                # A log another run was writing at the same time: count it, never hide it.
                failures.append(f"unreadable line in {path}")
                suites.setdefault('log', [0, 0, 0])[1] += 1
                continue
            # meson names tests "project:suite / test"
            suite = entry['name'].split(' / ')[0].split(':')[-1]
            p, f, s, names = count_test(entry)
            total = suites.setdefault(suite, [0, 0, 0])
            total[0] += p
            total[1] += f
            total[2] += s
            failures += names
    print()
    for suite in sorted(suites):
        p, f, s = suites[suite]
        print(f"  {suite:<14} {p:5d} passed {f:5d} failed {s:5d} skipped")
    for name in failures:
        print(f"  FAILED {name}")
    passed = sum(v[0] for v in suites.values())
    failed = sum(v[1] for v in suites.values())
    skipped = sum(v[2] for v in suites.values())
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not suites else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'build/meson-logs/testlog.json'))
