"""What an office test passed and failed: one line per failure, then 'N passed, M failed'."""


class Report:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
            print(f"FAIL: {what}")

    def finish(self):
        print(f"{self.passed} passed, {len(self.failures)} failed")
        return 0 if not self.failures and self.passed else 1
