#!/usr/bin/env python3
"""bench/gen_feed.py - write an RSS 2.0 and an Atom 1.0 feed of N items
(default 20,000, about 11 MB each) with Chinese text, for bench/feedcheck.sh.

    python3 bench/gen_feed.py OUTDIR [N]

The output is deterministic (a fixed seed), valid, and escapes its HTML the
way real feeds do, so the validator exercises its HTML checks too.
"""
import random
import sys
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

WORDS = ("数据 网络 服务 系统 用户 发布 更新 文章 新闻 技术 开发 项目 社区 研究 "
         "教育 经济 城市 交通 环境 健康 文化 历史 科学 工程 设计 产品 市场 政策 "
         "安全 隐私 标准 协议 浏览器 阅读器 订阅 频道 内容 格式 编码 字符 测试").split()


def sentence(rng, n):
    return "".join(rng.choice(WORDS) for _ in range(n)) + "。"


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    rng = random.Random(20260101)
    base = datetime(2026, 1, 1, 8, 0, 0, tzinfo=timezone(timedelta(hours=8)))
    items = []
    for i in range(n):
        title = sentence(rng, 6)
        body = "".join("<p>%s</p>" % sentence(rng, 11) for _ in range(3))
        body += '<p><a href="https://example.com/a/%d">阅读全文</a></p>' % i
        when = base - timedelta(minutes=37 * i)
        items.append((i, title, body, when))

    with open("%s/bench-rss.xml" % out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n')
        f.write('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n'
                '<channel>\n<title>基准测试频道</title>\n'
                '<link>https://example.com/</link>\n'
                '<description>一个用于测试的频道</description>\n'
                '<language>zh-cn</language>\n'
                '<atom:link rel="self" type="application/rss+xml" '
                'href="https://example.com/rss.xml"/>\n')
        for i, title, body, when in items:
            f.write("<item>\n<title>%s</title>\n"
                    "<link>https://example.com/a/%d</link>\n"
                    '<guid isPermaLink="true">https://example.com/a/%d</guid>\n'
                    "<pubDate>%s</pubDate>\n"
                    "<description>%s</description>\n</item>\n"
                    % (escape(title), i, i,
                       when.strftime("%a, %d %b %Y %H:%M:%S +0800"),
                       escape(body)))
        f.write("</channel>\n</rss>\n")

    with open("%s/bench-atom.xml" % out, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n'
                '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n'
                '<title>基准测试频道</title>\n'
                '<id>tag:example.com,2026:feed</id>\n'
                '<updated>%s</updated>\n'
                '<link rel="self" href="https://example.com/atom.xml"/>\n'
                '<link href="https://example.com/"/>\n'
                '<author><name>测试</name></author>\n'
                % base.isoformat())
        for i, title, body, when in items:
            f.write("<entry>\n<title>%s</title>\n"
                    '<link href="https://example.com/a/%d"/>\n'
                    "<id>tag:example.com,2026:a%d</id>\n"
                    "<published>%s</published>\n<updated>%s</updated>\n"
                    '<content type="html">%s</content>\n</entry>\n'
                    % (escape(title), i, i, when.isoformat(),
                       when.isoformat(), escape(body)))
        f.write("</feed>\n")


if __name__ == "__main__":
    main()
