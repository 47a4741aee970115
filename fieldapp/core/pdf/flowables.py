"""Parallel columns: two lists of flowables side by side, split together across pages.

Cheaper than a Table (no cell bookkeeping) and able to split long paragraphs on both sides
at the same height, so English and French stay aligned paragraph by paragraph.
"""
from __future__ import annotations


def parallel_class():
    from reportlab.platypus.flowables import Flowable

    class Parallel(Flowable):
        def __init__(self, left: list, right: list, gap: float = 14.0, rule: bool = True):
            super().__init__()
            self.left, self.right, self.gap, self.rule = left, right, gap, rule
            self._sizes: tuple[list[float], list[float]] = ([], [])
            self._wrapped_at: float | None = None

        def _column_width(self, aw: float) -> float:
            return (aw - self.gap) / 2

        @staticmethod
        def _gaps(side: list) -> float:
            """Space between the flowables of one column (not after the last one)."""
            return sum(f.getSpaceAfter() + g.getSpaceBefore() for f, g in zip(side, side[1:]))

        def getSpaceAfter(self):
            ends = [side[-1].getSpaceAfter() for side in (self.left, self.right) if side]
            return max(ends) if ends else 0

        def wrap(self, aw, ah):
            # Wrapped more than once at the same width (keepWithNext groups wrap their
            # content before the frame does): paragraph heights do not depend on `ah`.
            if self._wrapped_at == aw:
                return self.width, self.height
            cw = self._column_width(aw)
            heights = []
            for side, sizes in ((self.left, self._sizes[0]), (self.right, self._sizes[1])):
                sizes[:] = [f.wrap(cw, ah)[1] for f in side]
                heights.append(sum(sizes) + self._gaps(side))
            self.width, self.height = aw, max(heights)
            self._wrapped_at = aw
            return self.width, self.height

        def _split_side(self, side: list, sizes: list[float], cw: float,
                        ah: float) -> tuple[list, list]:
            used = 0.0
            for i, f in enumerate(side):
                if i:
                    used += side[i - 1].getSpaceAfter() + f.getSpaceBefore()
                h = sizes[i]
                if used + h <= ah:
                    used += h
                    continue
                room = ah - used
                parts = f.split(cw, room) if room > 0 else []
                if len(parts) > 1 and parts[0].wrap(cw, room)[1] <= room:
                    return side[:i] + [parts[0]], list(parts[1:]) + side[i + 1:]
                return side[:i], side[i:]
            return side, []

        def split(self, aw, ah):
            self.wrap(aw, ah)
            cw = self._column_width(aw)
            top_l, rest_l = self._split_side(self.left, self._sizes[0], cw, ah)
            top_r, rest_r = self._split_side(self.right, self._sizes[1], cw, ah)
            self._wrapped_at = None  # a tried Paragraph.split may drop its line breaks
            if not top_l and not top_r:
                return []
            if not rest_l and not rest_r:
                return [self]
            return [Parallel(top_l, top_r, self.gap, self.rule),
                    Parallel(rest_l, rest_r, self.gap, self.rule)]

        def draw(self):
            cw = self._column_width(self.width)
            for x, side, sizes in ((0, self.left, self._sizes[0]),
                                   (cw + self.gap, self.right, self._sizes[1])):
                y = self.height
                for i, (f, h) in enumerate(zip(side, sizes)):
                    if i:
                        y -= side[i - 1].getSpaceAfter() + f.getSpaceBefore()
                    f.drawOn(self.canv, x, y - h)
                    y -= h
            if self.rule and self.height:
                self.canv.setStrokeColor("#cccccc")
                self.canv.setLineWidth(0.3)
                mid = cw + self.gap / 2
                self.canv.line(mid, 0, mid, self.height)

    return Parallel


_cls = None


def Parallel(left: list, right: list, gap: float = 14.0, rule: bool = True):
    """Two columns (e.g. English | French) of flowables, aligned at the top."""
    global _cls
    if _cls is None:
        _cls = parallel_class()
    return _cls(left, right, gap, rule)
