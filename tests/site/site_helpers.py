"""What the handbook tests share: the fixture models, built sites, and an HTML reader.

(No `__init__.py` and no conftest here: a package named `site` would clash with
Python's own `site` module, so the test modules import this file by name.)
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

from govdsl import load

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
HANDBOOK = FIXTURES / "handbook.gov"
HOSTILE = FIXTURES / "hostile.gov"
AS_OF = dt.date(2025, 6, 1)
REPO = HERE.parent.parent


def compile_fixture(path: Path = HANDBOOK):
    return load([path])


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], line: int):
        self.tag, self.attrs, self.line = tag, attrs, line
        self.text = ""


class PageReader(HTMLParser):
    """Every element of a page with its attributes, the text of each, and the whole text."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "area", "base", "col", "embed", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.getpos()[0])
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs), self.getpos()[0]))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                break

    def handle_data(self, data):
        self.text.append(data)
        for element in self.open:
            element.text += data

    def find(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


def read_page(data: bytes) -> PageReader:
    reader = PageReader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    return reader
