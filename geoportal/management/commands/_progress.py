"""A progress display for the backup commands: a tqdm bar per step (bytes, or lines of pg_dump/pg_restore)."""

from tqdm import tqdm


class ProgressBars:
    def __init__(self, *, enabled: bool):
        self.enabled = enabled
        self.bars: dict[str, tqdm] = {}

    def __call__(self, what: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        bar = self.bars.get(what)
        if bar is None:
            units = {"unit": "B", "unit_scale": True, "unit_divisor": 1024} if total is not None else {"unit": " step"}
            bar = self.bars[what] = tqdm(total=total, desc=what, **units)
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
