"""Run the package's unittest tests and print TAP, as the tree's shell
suites do (tests/run.sh counts "ok" and "not ok" lines):

    python3 tap.py FIRST COUNTFILE [PATTERN]

Test lines are numbered from FIRST; how many were printed is written to
COUNTFILE.  One line per test method: a skipped one is "ok N - WHAT # SKIP
WHY"; a failure (or the first failing subtests) follows its "not ok" line
as "#" comments.  Exits 1 when a test failed.
"""
from __future__ import annotations

import os
import sys
import traceback
import unittest
from typing import Any, List, Optional, Tuple

MAX_SUBTEST_FAILURES = 10


def what(test: unittest.TestCase) -> str:
    name = test.id().split(".", 1)[-1]
    doc = test.shortDescription()
    return f"python: {name}: {doc}" if doc else f"python: {name}"


class Tap(unittest.TestResult):
    def __init__(self, first: int) -> None:
        super().__init__()
        self.n = first - 1
        self.printed = 0
        self.bad: List[Tuple[str, Any]] = []
        self.said = False

    def line(self, ok: bool, test: unittest.TestCase,
             extra: str = "") -> None:
        self.n += 1
        self.printed += 1
        self.said = True
        print(f"{'ok' if ok else 'not ok'} {self.n} - {what(test)}{extra}",
              flush=True)

    def comment(self, text: str) -> None:
        for ln in text.rstrip("\n").splitlines()[-40:]:
            print(f"#   {ln}")

    def startTest(self, test: unittest.TestCase) -> None:
        super().startTest(test)
        self.bad = []
        self.said = False

    def addSubTest(self, test: unittest.TestCase, subtest: Any,
                   err: Optional[Any]) -> None:
        super().addSubTest(test, subtest, err)
        if err is not None:
            self.bad.append((subtest._subDescription(), err))

    def stopTest(self, test: unittest.TestCase) -> None:
        super().stopTest(test)
        if self.bad:
            if not self.said:
                self.line(False, test, f" ({len(self.bad)} cases)")
            for desc, err in self.bad[:MAX_SUBTEST_FAILURES]:
                self.comment(f"{desc}: " + "".join(
                    traceback.format_exception_only(err[0], err[1])))

    def addSuccess(self, test: unittest.TestCase) -> None:
        super().addSuccess(test)
        if not self.bad:
            self.line(True, test)

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addFailure(test, err)
        self.line(False, test)
        self.comment(self._exc_info_to_string(err, test))

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        super().addError(test, err)
        self.line(False, test)
        self.comment(self._exc_info_to_string(err, test))

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        super().addSkip(test, reason)
        self.line(True, test, f" # SKIP {reason}")

    def addExpectedFailure(self, test: unittest.TestCase, err: Any) -> None:
        super().addExpectedFailure(test, err)
        self.line(True, test)

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        super().addUnexpectedSuccess(test)
        self.line(False, test, " (unexpected success)")


def main() -> int:
    first, countfile = int(sys.argv[1]), sys.argv[2]
    pattern = sys.argv[3] if len(sys.argv) > 3 else "test_*.py"
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.defaultTestLoader.discover(here, pattern=pattern,
                                                top_level_dir=here)
    result = Tap(first)
    suite.run(result)
    with open(countfile, "w") as f:
        f.write(f"{result.printed}\n")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
