"""check() from many threads at once: every report is the one a check
alone gives.  The GIL is released while the library checks, so these
checks overlap; how much faster that is, bench/python.sh measures (no
timing here)."""
from __future__ import annotations

import random
import threading
import unittest
from concurrent.futures import ThreadPoolExecutor
from typing import List, Tuple

import feedcheck
from support import tree_feeds


def big_rss(items: int, seed: int) -> bytes:
    """An RSS 2.0 feed of many items with Chinese text; every 97th date
    is wrong, every 89th link relative, so it has findings all along."""
    rng = random.Random(seed)
    words = "数据 网络 服务 新闻 技术 城市 交通 文化 历史 科学 标准 订阅".split()
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
           "<channel><title>江州日报</title><link>https://example.com/</link>"
           "<description>测试</description>"]
    for i in range(items):
        text = "".join(rng.choice(words) for _ in range(40))
        date = ("Sat, 16 Jul 2022 08:00:00 +0800" if i % 97
                else "2022-07-16 08:00")
        link = f"https://example.com/a/{i}" if i % 89 else f"a/{i}"
        out.append(f"<item><title>{text[:12]}</title><link>{link}</link>"
                   f"<guid>https://example.com/a/{i}</guid>"
                   f"<pubDate>{date}</pubDate>"
                   f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>")
    out.append("</channel></rss>\n")
    return "".join(out).encode("utf-8")


def documents() -> List[Tuple[bytes, dict]]:
    """(bytes, keyword arguments): big feeds, the tree's feeds in several
    encodings and formats, and documents whose message is built per check
    (bytes in another encoding than the one they are read in)."""
    docs: List[Tuple[bytes, dict]] = [
        (big_rss(4000, 1), {}),
        (big_rss(3000, 2), {"url": "https://example.com/feed"}),
        (big_rss(2000, 3).decode().encode("gb18030"),
         {"content_type": "text/xml; charset=gb18030"}),
        (b'\xe9<rss version="2.0"/>', {}),
        (b'\xef\xbb\xbf\xe9<rss version="2.0"/>', {}),
        (b'\xe9<rss version="2.0"/>', {"content_type": "text/xml; charset=utf-8"}),
    ]
    for p in tree_feeds():
        with open(p, "rb") as f:
            docs.append((f.read(), {"profile": "apple"} if "podcast" in p else {}))
    return docs


class TestThreads(unittest.TestCase):
    def test_many_threads(self) -> None:
        """8 threads, each document 4 times, at once: each report as when checked alone"""
        docs = documents()
        alone = [feedcheck.check(d, **kw) for d, kw in docs]
        self.assertGreater(sum(len(r) for r in alone[:3]), 60)
        work = list(range(len(docs))) * 4
        random.Random(7).shuffle(work)
        start = threading.Barrier(8)

        def one(i: int) -> Tuple[int, feedcheck.Report]:
            d, kw = docs[i]
            return i, feedcheck.check(d, **kw)

        def first(i: int) -> Tuple[int, feedcheck.Report]:
            start.wait()                # the big ones start together
            return one(i)

        with ThreadPoolExecutor(max_workers=8) as ex:
            head = [ex.submit(first, i % 3) for i in range(8)]
            rest = list(ex.map(one, work))
            results = [f.result() for f in head] + rest
        self.assertEqual(len(results), 8 + len(work))
        for i, rep in results:
            with self.subTest(document=i):
                self.assertEqual(rep, alone[i])
                self.assertEqual(rep.to_json(), alone[i].to_json())


if __name__ == "__main__":
    unittest.main()
