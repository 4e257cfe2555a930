#!/usr/bin/env python3
"""Generate the benchmark corpus: N newspaper-style articles in Chinese.

usage: gen.py [--seed S] [--no-hugo] [--shape pages|frontmatter] N DIR

Writes
  DIR/collection/YYYY-MM-DD/NNN_<hex>.md   feedgen's input (also read by
                                           feed-npm.js): one article per
                                           page file, 20 pages per edition
  DIR/hugo/                                a minimal Hugo site holding the
                                           same articles in content/posts/
                                           and templates that write
                                           full-content RSS 2.0 and Atom
                                           of every page, and nothing else
  DIR/stats                                "articles N" and "bytes B" lines

Each collection file is front matter (title, date, author, section) then a
"# title" heading and 2-4 KB (UTF-8, whole file) of Markdown paragraphs,
sometimes a "## " subheading and a "▲" photo caption.  The Hugo copy has the
same front matter (section as categories) and the same body without the
heading, since Hugo takes the title from the front matter.

--no-hugo writes the collection and the stats only (bench/archive.sh needs
no Hugo site).

--shape frontmatter writes the other shape of collection, the one Hugo and
npm users have, instead:
  DIR/frontmatter/posts/YYYY-MM-DD-NNN.md  one article a file, all in one
                                           folder, YAML front matter (title,
                                           date, authors, sections, summary;
                                           quoted values, lists, escapes),
                                           no "# title" heading
  DIR/frontmatter/stats                    as above

The output depends only on N, the shape and the seed.  Standard library only.
"""

import argparse
import datetime
import os
import random
import shutil
import sys

ARTICLES_PER_EDITION = 20
FIRST_EDITION = datetime.date(2020, 1, 1)
# Every edition lies in the past, so that feedgen's embargo (an edition
# goes out at its date) holds none back: a corpus too large to end by
# LAST_EDITION when it starts at FIRST_EDITION starts earlier.
LAST_EDITION = datetime.date(2024, 12, 31)
MIN_BYTES = 2048
MAX_BYTES = 4096

# Vocabulary: short noun and verb phrases a city paper's front pages use.
SUBJECTS = [
    "我市", "市政府", "市民", "区县", "有关部门", "企业", "园区", "高校",
    "社区", "街道", "市发展改革委", "市商务委", "市生态环境局", "市交通局",
    "市文化旅游委", "市卫生健康委", "两江新区", "西部(重庆)科学城",
    "中欧班列(重庆)", "西部陆海新通道", "江北国际机场", "果园港",
    "成渝地区双城经济圈", "主城都市区", "渝东北三峡库区城镇群", "志愿者",
    "基层干部", "科研团队", "外资企业", "民营企业", "乡村振兴工作队",
    "农业合作社", "文旅项目", "外国友人", "代表团", "专家学者",
]
VERBS = [
    "加快推进", "扎实开展", "全面落实", "持续深化", "积极探索", "统筹推动",
    "大力实施", "不断完善", "着力提升", "稳步推进", "认真组织", "精心打造",
    "进一步优化", "深入推进", "协同建设", "有序开展", "重点支持", "主动融入",
    "切实加强", "创新开展",
]
OBJECTS = [
    "内陆开放高地建设", "对外交往合作", "营商环境", "城市更新", "数字经济",
    "智能制造", "乡村振兴", "生态环境保护", "长江经济带绿色发展",
    "国际物流枢纽", "公共服务体系", "民生实事", "科技创新", "人才引进",
    "文化旅游融合", "基础设施建设", "社会治理", "消费市场", "外贸进出口",
    "招商引资", "产业链供应链", "城乡融合发展", "山水之城建设",
    "美丽乡村建设", "交通网络", "医疗卫生服务", "教育资源配置",
    "应急管理能力", "老旧小区改造", "口岸功能",
]
RESULTS = [
    "取得明显成效", "开启全新篇章", "结下又一硕果", "显著提高",
    "呈现良好势头", "迈上新台阶", "跑出加速度", "实现稳步增长",
    "形成全方位格局", "受到广泛好评", "成为一张亮丽名片", "释放发展活力",
    "增强群众获得感", "走在全国前列", "进入快车道",
]
CONNECTIVES = [
    "近年来", "今年以来", "与此同时", "此外", "下一步", "据介绍", "数据显示",
    "记者了解到", "在此基础上", "截至目前", "从总体上看", "值得一提的是",
]
PLACES = [
    "渝中区", "江北区", "南岸区", "沙坪坝区", "九龙坡区", "大渡口区",
    "北碚区", "渝北区", "巴南区", "万州区", "涪陵区", "永川区", "江津区",
    "合川区", "黔江区", "璧山区", "铜梁区", "荣昌区", "綦江区", "长寿区",
]
QUOTES = [
    "在西部地区带头开放、带动开放", "把群众的小事当成自己的大事",
    "让城市更宜居、更智慧、更美丽", "一张蓝图绘到底", "发展才是硬道理",
    "绿水青山就是金山银山", "干在实处、走在前列", "一件事情一次办",
]
AUTHORS = [
    "何春阳", "孙宁", "何静", "马骁", "龙帆", "谢智强", "李红光", "黄祖伟",
    "王雯", "张亦筑", "杨骏", "陈维灯", "周松", "申晓佳", "黄光红", "汤艳娟",
]
PHOTOGRAPHERS = ["龙帆", "谢智强", "李红光", "黄祖伟", "郑宇", "崔力", "苏思"]
SECTIONS = [
    "重庆新闻", "要闻", "经济", "民生", "区县", "文化", "科教", "社会",
    "国际", "评论",
]
HEADLINE_TAILS = [
    "越来越足", "跑出加速度", "迈上新台阶", "开启新篇章", "按下快进键",
    "焕发新活力", "交出亮眼成绩单", "步入快车道", "再添新动能", "惠及千家万户",
]
SUBHEADS = [
    "合作交流“渐入佳境”", "瞄准方向“齐头并进”", "服务保障“提档升级”",
    "创新驱动“多点开花”", "民生改善“看得见摸得着”", "开放通道“越织越密”",
    "营商环境“持续优化”", "绿色发展“底色更亮”",
]


def clause(rng):
    """One clause, optionally led by a connective, a place or a figure."""
    kind = rng.random()
    body = rng.choice(SUBJECTS) + rng.choice(VERBS) + rng.choice(OBJECTS)
    if kind < 0.15:
        return rng.choice(CONNECTIVES) + "，" + body
    if kind < 0.30:
        return rng.choice(PLACES) + body
    if kind < 0.42:
        return "%s同比增长%d.%d%%" % (rng.choice(OBJECTS), rng.randint(1, 40),
                                  rng.randint(0, 9))
    if kind < 0.50:
        return "累计完成投资%d.%d亿元" % (rng.randint(10, 5000), rng.randint(0, 9))
    if kind < 0.56:
        return "“%s”" % rng.choice(QUOTES)
    if kind < 0.75:
        return body + rng.choice(RESULTS)
    return body


def sentence(rng):
    n = rng.randint(2, 4)
    parts = [clause(rng)]
    for _ in range(n - 1):
        parts.append(("；" if rng.random() < 0.2 else "，") + clause(rng))
    end = "！" if rng.random() < 0.05 else "。"
    return "".join(parts) + end


def paragraph(rng):
    return "".join(sentence(rng) for _ in range(rng.randint(2, 4)))


def caption(rng):
    return "▲%s%s%s。(摄于%d年%d月%d日)  \n记者 %s 摄/视觉重庆" % (
        rng.choice(PLACES), rng.choice(SUBJECTS), rng.choice(VERBS)
        + rng.choice(OBJECTS), rng.randint(2019, 2022), rng.randint(1, 12),
        rng.randint(1, 28), rng.choice(PHOTOGRAPHERS))


def headline(rng):
    return "%s%s %s“%s”%s" % (
        rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(PLACES),
        rng.choice(OBJECTS)[:4], rng.choice(HEADLINE_TAILS))


def body_blocks(rng, budget):
    """Markdown blocks (no heading line) whose UTF-8 size is about budget."""
    blocks = []
    size = 0
    while size < budget:
        r = rng.random()
        if blocks and r < 0.08:
            block = "## " + rng.choice(SUBHEADS)
        elif blocks and r < 0.16:
            block = caption(rng)
        else:
            block = paragraph(rng)
        bsize = len(block.encode("utf-8")) + 2
        if size + bsize > budget and blocks:
            # Stop short of the budget rather than overshoot it; trim a last
            # paragraph to whole sentences so the file lands in range.
            room = budget - size
            if room > 200:
                sents = []
                while True:
                    s = sentence(rng)
                    if len("".join(sents + [s]).encode("utf-8")) + 2 > room:
                        break
                    sents.append(s)
                if sents:
                    blocks.append("".join(sents))
            break
        blocks.append(block)
        size += bsize
    return blocks


HUGO_CONFIG = """\
# Generated by bench/gen.py: Hugo renders every page's Markdown and writes
# full-content RSS 2.0 (rss.xml) and Atom (atom.xml) of all of them; nothing
# else is rendered.
baseURL = "https://bench.example.com/"
languageCode = "zh-CN"
title = "Bench"
disableKinds = ["taxonomy", "term", "section", "404", "sitemap", "robotsTXT"]
disableAliases = true
enableRobotsTXT = false
enableGitInfo = false
hasCJKLanguage = true

[services.rss]
limit = -1

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.RSS]
mediaType = "application/rss+xml"
baseName = "rss"
isPlainText = true

[outputFormats.Atom]
mediaType = "application/atom+xml"
baseName = "atom"
isPlainText = true
rel = "alternate"

[outputs]
home = ["RSS", "Atom"]
page = ["HTML"]

# Pages stay in .Site.RegularPages (so the feeds hold them and render their
# .Content) but get no HTML file of their own; having no permalink then, the
# templates build each entry's link from its file name.
[[cascade]]
[cascade._build]
render = "never"
list = "always"
[cascade._target]
kind = "page"
"""

HUGO_RSS = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" \
xmlns:content="http://purl.org/rss/1.0/modules/content/" \
xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{{ .Site.Title | htmlEscape }}</title>
<link>{{ .Site.BaseURL }}</link>
<description>Bench feed</description>
<language>{{ .Site.LanguageCode }}</language>
<generator>Hugo {{ hugo.Version }}</generator>
{{- $pages := .Site.RegularPages.ByDate.Reverse }}
{{- with index $pages 0 }}
<lastBuildDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</lastBuildDate>
{{- end }}
<atom:link href="{{ .Site.BaseURL }}rss.xml" rel="self" type="application/rss+xml"/>
{{- range $pages }}
{{- $link := printf "%sposts/%s/" site.BaseURL .File.ContentBaseName }}
<item>
<title>{{ .Title | htmlEscape }}</title>
<link>{{ $link }}</link>
<guid isPermaLink="false">{{ $link }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>
<dc:creator>{{ .Params.author | htmlEscape }}</dc:creator>
{{- range .Params.categories }}
<category>{{ . | htmlEscape }}</category>
{{- end }}
<description>{{ .Summary | htmlEscape }}</description>
<content:encoded>{{ .Content | htmlEscape }}</content:encoded>
</item>
{{- end }}
</channel>
</rss>
"""

HUGO_ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{{ .Site.LanguageCode }}">
<id>{{ .Site.BaseURL }}</id>
<title>{{ .Site.Title | htmlEscape }}</title>
{{- $pages := .Site.RegularPages.ByDate.Reverse }}
{{- with index $pages 0 }}
<updated>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</updated>
{{- end }}
<link rel="self" type="application/atom+xml" href="{{ .Site.BaseURL }}atom.xml"/>
<link rel="alternate" type="text/html" href="{{ .Site.BaseURL }}"/>
<generator version="{{ hugo.Version }}">Hugo</generator>
{{- range $pages }}
{{- $link := printf "%sposts/%s/" site.BaseURL .File.ContentBaseName }}
<entry>
<id>{{ $link }}</id>
<title>{{ .Title | htmlEscape }}</title>
<link rel="alternate" type="text/html" href="{{ $link }}"/>
<published>{{ .Date.Format "2006-01-02T15:04:05-07:00" }}</published>
<updated>{{ .Lastmod.Format "2006-01-02T15:04:05-07:00" }}</updated>
<author><name>{{ .Params.author | htmlEscape }}</name></author>
{{- range .Params.categories }}
<category term="{{ . | htmlEscape }}"/>
{{- end }}
<summary type="html">{{ .Summary | htmlEscape }}</summary>
<content type="html">{{ .Content | htmlEscape }}</content>
</entry>
{{- end }}
</feed>
"""


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, root, seed, with_hugo=True):
    rng = random.Random(seed)
    coll = os.path.join(root, "collection")
    hugo = os.path.join(root, "hugo")
    for d in (coll, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)
    posts = os.path.join(hugo, "content", "posts")
    layouts = os.path.join(hugo, "layouts")
    os.makedirs(coll)
    if with_hugo:
        os.makedirs(posts)
        os.makedirs(layouts)
        write(os.path.join(hugo, "hugo.toml"), HUGO_CONFIG)
        write(os.path.join(layouts, "index.rss.xml"), HUGO_RSS)
        write(os.path.join(layouts, "index.atom.xml"), HUGO_ATOM)

    total = 0
    edition_dir = None
    editions = (n + ARTICLES_PER_EDITION - 1) // ARTICLES_PER_EDITION
    first = min(FIRST_EDITION,
                LAST_EDITION - datetime.timedelta(days=editions - 1))
    for i in range(n):
        edition, page = divmod(i, ARTICLES_PER_EDITION)
        page += 1
        day = first + datetime.timedelta(days=edition)
        if page == 1:
            edition_dir = os.path.join(coll, day.isoformat())
            os.makedirs(edition_dir)
        # Morning publishing slots, a few minutes apart, page order.
        minutes = 5 * 60 + page * 9 + rng.randint(0, 8)
        stamp = "%sT%02d:%02d:00+08:00" % (day.isoformat(), minutes // 60,
                                           minutes % 60)
        title = headline(rng)
        author = rng.choice(AUTHORS)
        section = rng.choice(SECTIONS)
        tag = "%016x" % rng.getrandbits(64)

        head = ('---\ntitle: "%s"\ndate: %s\nauthor: %s\nsection: %s\n---\n\n'
                "# %s\n\n" % (title, stamp, author, section, title))
        target = rng.randint(MIN_BYTES + 300, MAX_BYTES - 50)
        budget = target - len(head.encode("utf-8"))
        body = "\n\n".join(body_blocks(rng, budget)) + "\n"
        text = head + body
        total += len(text.encode("utf-8"))
        write(os.path.join(edition_dir, "%03d_%s.md" % (page, tag)), text)

        hugo_head = ('---\ntitle: "%s"\ndate: %s\nauthor: %s\n'
                     'categories: ["%s"]\n---\n\n'
                     % (title, stamp, author, section))
        if with_hugo:
            write(os.path.join(posts, "%s-%03d.md" % (day.isoformat(), page)),
                  hugo_head + body)

    write(os.path.join(root, "stats"),
          "articles %d\nbytes %d\nseed %d\n" % (n, total, seed))
    return total


# Latin bylines, written "Last, First" as wire services do: a comma inside
# one quoted list item.
LATIN_AUTHORS = ["Smith, John", "Doe, Jane", "O'Brien, Pat", "Li, Wei"]


def yaml_quote(text):
    """text as a YAML double-quoted scalar (backslash escapes)."""
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def front_matter(rng, title, stamp, body):
    """The YAML front matter of one article of the frontmatter shape."""
    authors = rng.sample(AUTHORS, rng.randint(1, 2))
    if rng.random() < 0.1:
        authors.append(rng.choice(LATIN_AUTHORS))
    sections = rng.sample(SECTIONS, rng.randint(1, 2))
    first = body.split("\n\n", 1)[0]
    summary = first[:first.find("。") + 1] if "。" in first[:120] else first[:60]
    lines = ["---",
             "title: %s" % (yaml_quote(title) if rng.random() < 0.7
                            else "'%s'" % title.replace("'", "''")),
             "date: %s" % stamp,
             "authors: [%s]" % ", ".join(yaml_quote(a) for a in authors)]
    if rng.random() < 0.5:
        lines.append("sections: [%s]" % ", ".join(sections))
    else:
        lines.append("sections:")
        lines.extend("  - %s" % x for x in sections)
    lines.append("summary: %s" % yaml_quote(summary))
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def generate_frontmatter(n, root, seed):
    """The frontmatter shape: N single-article files in one folder."""
    rng = random.Random(seed)
    top = os.path.join(root, "frontmatter")
    if os.path.exists(top):
        shutil.rmtree(top)
    posts = os.path.join(top, "posts")
    os.makedirs(posts)
    total = 0
    for i in range(n):
        edition, page = divmod(i, ARTICLES_PER_EDITION)
        page += 1
        day = FIRST_EDITION + datetime.timedelta(days=edition)
        minutes = 5 * 60 + page * 9 + rng.randint(0, 8)
        stamp = "%sT%02d:%02d:00+08:00" % (day.isoformat(), minutes // 60,
                                           minutes % 60)
        title = headline(rng)
        if rng.random() < 0.1:
            title += "：“%s”" % rng.choice(QUOTES)
        target = rng.randint(MIN_BYTES + 300, MAX_BYTES - 50)
        blocks = body_blocks(rng, target - 300)
        body = "\n\n".join(blocks) + "\n"
        text = front_matter(rng, title, stamp, body) + body
        total += len(text.encode("utf-8"))
        write(os.path.join(posts, "%s-%03d.md" % (day.isoformat(), page)), text)
    write(os.path.join(top, "stats"),
          "articles %d\nbytes %d\nseed %d\n" % (n, total, seed))
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--no-hugo", action="store_true",
                    help="write the collection only, no Hugo site")
    ap.add_argument("--shape", choices=("pages", "frontmatter"),
                    default="pages",
                    help="edition pages (default), or single-article files"
                    " with YAML front matter")
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("dir", help="output directory")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    os.makedirs(args.dir, exist_ok=True)
    if args.shape == "frontmatter":
        total = generate_frontmatter(args.n, args.dir, args.seed)
        where = os.path.join(args.dir, "frontmatter", "posts")
    else:
        total = generate(args.n, args.dir, args.seed, not args.no_hugo)
        where = os.path.join(args.dir, "collection")
    print("gen.py: %d articles, %.1f MB of Markdown in %s"
          % (args.n, total / 1e6, where), file=sys.stderr)


if __name__ == "__main__":
    main()
