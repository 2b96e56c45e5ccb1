#!/usr/bin/env python3
"""Run Python unittest modules and report in TAP, one line per test case.

Usage: pytap.py DIR [PATTERN]   discovers test*.py (or PATTERN) under DIR. Exits 1 on any failure.
Meson runs it with protocol 'tap', so testsuite/summary.py counts each case.
"""
import sys
import unittest


class TapResult(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.n = 0

    def _line(self, ok, test, note=''):
        self.n += 1
        print(f"{'' if ok else 'not '}ok {self.n} - {test.id()}{note}", flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(False, test)
        for line in self._exc_info_to_string(err, test).splitlines():
            print('# ' + line)

    def addError(self, test, err):
        super().addError(test, err)
        self._line(False, test)
        for line in self._exc_info_to_string(err, test).splitlines():
            print('# ' + line)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(True, test, f' # SKIP {reason}')


def main():
    start = sys.argv[1] if len(sys.argv) > 1 else '.'
    pattern = sys.argv[2] if len(sys.argv) > 2 else 'test*.py'
    suite = unittest.defaultTestLoader.discover(start, pattern=pattern, top_level_dir=start)
    result = TapResult()
    suite.run(result)
    print(f'1..{result.n}')
    return 0 if result.wasSuccessful() and result.n > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
