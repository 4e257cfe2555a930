/* Bylines, credits, front matter and splitting pages into articles. */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "byline.h"
#include "test.h"
#include "utf8.h"

static const struct {
	const char *line;
	enum byline_kind kind;
	const char *names;      /* joined with '|' */
} bylines[] = {
	{ "□本报记者 何春阳", BYLINE_AUTHORS, "何春阳" },
	{ "□本报记者 何静 见习记者 马骁", BYLINE_AUTHORS, "何静|马骁" },
	{ "  ■记者　张三　李四  ", BYLINE_AUTHORS, "张三|李四" },
	{ "本报通讯员 买买提·艾力", BYLINE_AUTHORS, "买买提·艾力" },
	{ "记者 谢智强 摄/视觉重庆", BYLINE_CREDIT, "谢智强" },
	{ "首席记者 龙帆 摄/视觉重庆", BYLINE_CREDIT, "龙帆" },
	{ "视觉重庆签约摄影师 李红光  ", BYLINE_CREDIT, "李红光" },
	{ "黄祖伟 摄", BYLINE_CREDIT, "黄祖伟" },
	{ "黄祖伟摄", BYLINE_CREDIT, "黄祖伟" },
	{ "记者 王五 李六 摄", BYLINE_CREDIT, "王五|李六" },
	/* the forms of feedgen(5), "Bylines" */
	{ "□本报记者 何　静", BYLINE_AUTHORS, "何静" },
	{ "□本报记者 何 静 见习记者 马骁", BYLINE_AUTHORS, "何静|马骁" },
	{ "文/图 本报记者 李明", BYLINE_AUTHORS, "李明" },
	{ "□本报评论员", BYLINE_AUTHORS, "本报评论员" },
	{ "本报特约评论员", BYLINE_AUTHORS, "本报特约评论员" },
	{ "□特约评论员", BYLINE_AUTHORS, "特约评论员" },
	{ "□本报记者", BYLINE_EMPTY, "" },
	{ "本报记者　", BYLINE_EMPTY, "" },
	{ "本报通讯员 王小二", BYLINE_AUTHORS, "王小二" },
	{ "实习生 刘一 本报记者 陈二", BYLINE_AUTHORS, "陈二|刘一" },
	{ "见习记者 马骁 本报记者 何静", BYLINE_AUTHORS, "何静|马骁" },
	{ "何静 见习记者 马骁", BYLINE_AUTHORS, "何静|马骁" },
	{ "本报通讯员 周五 见习记者 马骁 本报记者 何静", BYLINE_AUTHORS, "何静|周五|马骁" },
	{ "记者 张三 李四 报道", BYLINE_AUTHORS, "张三|李四" },
	/* credits of feedgen(5), "Photo credits" */
	{ "图/李五", BYLINE_CREDIT, "李五" },
	{ "图／李五", BYLINE_CREDIT, "李五" },
	{ "摄影 李五", BYLINE_CREDIT, "李五" },
	{ "李五 摄影", BYLINE_CREDIT, "李五" },
	{ "李五/摄", BYLINE_CREDIT, "李五" },
	{ "新华社记者 张三 摄", BYLINE_CREDIT, "张三" },
	{ "新华社发", BYLINE_CREDIT, "" },
	{ "新华社发（记者 张三 摄）", BYLINE_CREDIT, "张三" },
	/* not bylines */
	{ "长嘉汇城市会客厅 广阳湾智创生态城", BYLINE_NONE, "" },
	{ "时间在流逝,重庆开放程度不断提升。", BYLINE_NONE, "" },
	{ "何春阳", BYLINE_NONE, "" },
	{ "记者", BYLINE_NONE, "" },
	{ "本报评论员说", BYLINE_NONE, "" },
	{ "何 静 好", BYLINE_NONE, "" },
	{ "记者 7月12日从市里获悉", BYLINE_NONE, "" },
	{ "重庆机床集团工作人员正在进行机组装配", BYLINE_NONE, "" },
	{ "", BYLINE_NONE, "" },
};

static char *join(const struct strlist *l)
{
	static char out[256];
	size_t i;
	out[0] = '\0';
	for (i = 0; i < l->n; i++) {
		if (i)
			strcat(out, "|");
		strncat(out, l->v[i], sizeof(out) - strlen(out) - 2);
	}
	return out;
}

static struct tzspec tz8 = { 1, 8 * 3600, "" };

static int split(const char *text, struct article_list *al,
		 struct diag_list *dl, int edition)
{
	struct page_info pi = { "p.txt", "001_ab", edition, 19188 /* 2022-07-15 */,
				1657843200, &tz8, 0 };
	ft_diag_list_init(dl);
	memset(al, 0, sizeof(*al));
	return article_split(&pi, text, strlen(text), dl, al);
}

static int has_rule(const struct diag_list *dl, const char *rule)
{
	size_t i;
	for (i = 0; i < dl->n; i++)
		if (!strcmp(dl->v[i].rule, rule))
			return 1;
	return 0;
}

int main(void)
{
	size_t i;
	struct article_list al;
	struct diag_list dl;
	char d[32];
	int n;

	for (i = 0; i < sizeof(bylines) / sizeof(*bylines); i++) {
		struct strlist names = { 0 };
		enum byline_kind k = byline_parse(bylines[i].line,
						  strlen(bylines[i].line), &names, NULL);
		CHECK_INT(k, bylines[i].kind, bylines[i].line);
		CHECK_STR(join(&names), bylines[i].names, "names of the byline");
		strlist_release(&names);
	}

	{
		struct strlist agencies = { 0 }, names = { 0 };
		static const struct { const char *line, *names, *agencies; } credits[] = {
			{ "首席记者 龙帆 摄/视觉重庆", "龙帆", "视觉重庆" },
			{ "新华社记者 张三 摄", "张三", "新华社" },
			{ "新华社发", "", "新华社" },
			{ "中新社发 李四 摄", "李四", "中新社" },
			{ "图/李五", "李五", "" },
		};
		for (i = 0; i < sizeof(credits) / sizeof(credits[0]); i++) {
			byline_parse(credits[i].line, strlen(credits[i].line), &names,
				     &agencies);
			CHECK_STR(join(&names), credits[i].names, credits[i].line);
			CHECK_STR(join(&agencies), credits[i].agencies, credits[i].line);
			strlist_release(&names);
			strlist_release(&agencies);
		}
	}

	{
		struct strlist agencies = { 0 }, names = { 0 };
		const char *l = "本报讯 (记者 孙宁)7月12日,市里召开会议。";
		size_t off = byline_lead(l, strlen(l), &names);
		CHECK_STR(l + off, "7月12日,市里召开会议。", "本报讯 lead removed");
		CHECK_STR(join(&names), "孙宁", "本报讯 lead gives the author");
		strlist_release(&names);
		l = "本报北京7月12日电（记者 张三 李四） 今天";
		off = byline_lead(l, strlen(l), &names);
		CHECK_STR(l + off, "今天", "full-width parentheses and 电");
		CHECK_STR(join(&names), "张三|李四", "two authors from the paper's dateline");
		strlist_release(&names);
		l = "新华社北京7月12日电（记者 张三 李四） 今天";
		CHECK_INT(byline_lead(l, strlen(l), &names), 0,
			  "an agency's dateline is not the paper's lead");
		CHECK_INT(names.n, 0, "... and names none of its authors");
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 1,
			  "an agency's dateline");
		CHECK_STR(join(&agencies), "新华社", "its agency");
		CHECK_STR(join(&names), "张三|李四", "its reporters");
		strlist_release(&names);
		strlist_release(&agencies);
		l = "中新社北京7月12日电 今天";
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 1,
			  "a dateline without reporters");
		CHECK_STR(join(&agencies), "中新社", "中新社");
		strlist_release(&agencies);
		l = "据人民日报电 今天";
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 1, "据…电");
		CHECK_STR(join(&agencies), "人民日报", "人民日报");
		strlist_release(&agencies);
		l = "新京报讯（记者 王二）今天";
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 1, "…讯");
		CHECK_STR(join(&agencies), "新京报", "新京报");
		strlist_release(&agencies);
		strlist_release(&names);
		l = "本报讯（记者 王二）今天";
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 0,
			  "本报讯 is the paper's own");
		l = "今天天气很好电";
		CHECK_INT(byline_dateline(l, strlen(l), &names, &agencies), 0,
			  "no agency, no dateline");
		l = "本报讯 今天天气很好";
		CHECK_INT(byline_lead(l, strlen(l), &names), 0, "no parentheses: no lead");
		strlist_release(&names);
	}

	/* the seed's shape: byline, sections, captions with credits */
	n = split("\n\n# 第一篇 标题\n\n□本报记者 何春阳\n\n第一段。\n\n## 小标题\n\n"
		  "▲图片说明一。  \n首席记者 龙帆 摄/视觉重庆\n\n第二段\n\n"
		  "# 第二篇\n\n正文。\n\n视觉重庆签约摄影师 李红光  \n黄祖伟 摄\n",
		  &al, &dl, 1);
	CHECK_INT(n, 2, "two articles on the page");
	CHECK_INT(dl.n, 0, "no diagnostics for a well-formed page");
	if (n == 2) {
		CHECK_STR(al.v[0].title, "第一篇 标题", "first title");
		CHECK_STR(join(&al.v[0].authors), "何春阳", "first article's author");
		CHECK_STR(join(&al.v[0].contributors), "龙帆", "caption credit is a contributor");
		CHECK_STR(al.v[0].body, "第一段。\n\n## 小标题\n\n▲图片说明一。（首席记者 龙帆 摄/视觉重庆）\n\n第二段",
			  "byline removed, credit kept in its caption, text intact");
		CHECK_STR(join(&al.v[0].photo_credits), "龙帆\n@视觉重庆",
			  "the caption's credit: photographer and agency");
		CHECK_INT(al.v[0].line, 3, "heading line");
		CHECK_INT(al.v[0].pos, 1, "position 1");
		CHECK_STR(al.v[1].title, "第二篇", "second title");
		CHECK_INT(al.v[1].authors.n, 0, "second article has no author");
		CHECK_STR(join(&al.v[1].contributors), "李红光|黄祖伟", "credit pair");
		CHECK_STR(al.v[1].body, "正文。\n\n视觉重庆签约摄影师 李红光  \n黄祖伟 摄",
			  "a credit pair standing alone stays as printed");
		CHECK_INT(al.v[1].pos, 2, "position 2");
		ft_date_format_rfc3339(&al.v[0].published, d);
		CHECK_STR(d, "2022-07-15T00:00:00+08:00", "edition date at 00:00 in the zone");
		CHECK_STR(al.v[0].ymd, "2022-07-15", "edition date for the id");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* an empty byline, a heading alone, an agency's copy */
	n = split("# 一\n\n□本报记者\n\n正文。\n\n# 二\n\n□本报记者 何　静\n\n# 三\n\n"
		  "新华社北京7月12日电（记者 张三 李四） 今天。\n", &al, &dl, 1);
	CHECK_INT(n, 2, "the heading alone is not an article");
	CHECK(has_rule(&dl, "byline-empty") && dl.v[0].line == 3,
	      "an empty byline: a warning at its line");
	CHECK(dl.n == 2 && has_rule(&dl, "article-empty") && dl.v[1].line == 7,
	      "a heading alone: a warning at its line");
	if (n == 2) {
		CHECK_STR(al.v[0].body, "正文。", "the empty byline leaves the text");
		CHECK_INT(al.v[1].pos, 3, "the third article keeps its place");
		CHECK_STR(al.v[1].body, "新华社北京7月12日电（记者 张三 李四） 今天。",
			  "the agency's dateline stays");
		CHECK_STR(al.v[1].source, "新华社", "the agency is the source");
		CHECK_INT(al.v[1].authors.n, 0, "the agency's reporters are not authors");
		CHECK_STR(join(&al.v[1].contributors), "张三|李四", "... but contributors");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* front matter: title makes the page one article; quoted values;
	 * lists both ways; date keeps its offset */
	n = split("---\ntitle: \"标题：一\"\ndate: 2022-07-15T06:30:00+08:00\n"
		  "author: [张三, \"李四\"]\ncategories:\n  - 评论\n  - 时政\n"
		  "unknown: x\n---\n# 标题：一\n\n本报讯 (记者 孙宁) 正文第一段。\n",
		  &al, &dl, 1);
	CHECK_INT(n, 1, "front-matter title: one article");
	CHECK(dl.n == 1 && has_rule(&dl, "front-matter-unknown-key") && dl.v[0].line == 8 &&
	      dl.v[0].column == 1 && strstr(dl.v[0].message, "'unknown'"),
	      "an unknown key is a warning that names it, at its line and column");
	if (n == 1) {
		CHECK_STR(al.v[0].title, "标题：一", "title from front matter, unquoted");
		CHECK_STR(join(&al.v[0].authors), "张三|李四|孙宁", "authors from front matter then byline");
		CHECK_STR(join(&al.v[0].categories), "评论|时政", "categories list");
		CHECK_STR(al.v[0].body, "正文第一段。", "repeated heading dropped, lead removed");
		ft_date_format_rfc3339(&al.v[0].published, d);
		CHECK_STR(d, "2022-07-15T06:30:00+08:00", "front-matter date kept in +08:00");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* a UTC date is shown in the configured zone, not turned into UTC */
	n = split("---\ntitle: t\ndate: 2022-07-14T22:30:00Z\n---\nbody\n", &al, &dl, 0);
	if (n == 1) {
		ft_date_format_rfc3339(&al.v[0].published, d);
		CHECK_STR(d, "2022-07-15T06:30:00+08:00", "Z date shown in the zone");
		CHECK_STR(al.v[0].ymd, "2022-07-15", "outside an edition, the id date is the article's");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("---\ntitle: t\ndate: 2022-07-15\nsection: 要闻\n---\nbody\n", &al, &dl, 0);
	if (n == 1) {
		ft_date_format_rfc3339(&al.v[0].published, d);
		CHECK_STR(d, "2022-07-15T00:00:00+08:00", "YYYY-MM-DD date at 00:00 in the zone");
		CHECK_STR(join(&al.v[0].categories), "要闻", "section");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("# 无日期\n正文\n", &al, &dl, 0);
	CHECK_INT(n, 1, "no date: article still made");
	CHECK(has_rule(&dl, "article-date-from-mtime"), "mtime date is a warning");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("---\ntitle: t\ndate: 2022-13-01\n---\nx\n", &al, &dl, 1);
	CHECK_INT(n, -1, "bad front-matter date fails the page");
	CHECK(has_rule(&dl, "front-matter-bad-date"), "bad date rule id");
	CHECK(dl.n && dl.v[0].line == 3, "bad date names its line");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("---\ntitle: t\n\nbody\n", &al, &dl, 1);
	CHECK_INT(n, -1, "unterminated front matter fails the page");
	CHECK(has_rule(&dl, "front-matter-unterminated"), "unterminated rule id");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("报头\n\n# 标题\n正文\n", &al, &dl, 1);
	CHECK_INT(n, 1, "text before the heading: the article is kept");
	CHECK(has_rule(&dl, "page-text-before-heading"), "text before the first heading warns");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split("只有正文，没有标题。\n", &al, &dl, 1);
	CHECK_INT(n, 0, "no heading, no title: not an article");
	CHECK(has_rule(&dl, "page-no-article"), "no-article warning");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	n = split(" \n\n\t\n", &al, &dl, 1);
	CHECK_INT(n, 0, "empty page: no article");
	CHECK(has_rule(&dl, "page-empty"), "empty page warning");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* YAML's forms (frontmatter.c, libyaml) */
	n = split("---\ntitle: 'it''s news'\nauthors: [\"Smith, John\", \"Doe\"]\n"
		  "sections:\n  - a\n  - \"b, c\"\ntags: [d]\nsummary: |\n  kept\n  lines\n"
		  "date: 2022-07-15 6:30:00 +8\n---\nbody\n", &al, &dl, 0);
	CHECK(n == 1 && dl.n == 0, "a block of YAML's forms: one article, nothing to say");
	if (n == 1) {
		CHECK_STR(al.v[0].title, "it's news", "'' in single quotes is one quote");
		CHECK_STR(join(&al.v[0].authors), "Smith, John|Doe", "a comma inside a quoted item");
		CHECK_STR(join(&al.v[0].categories), "a|b, c|d", "sections and tags, block and flow lists");
		CHECK_STR(al.v[0].summary, "kept\nlines", "a block scalar, its last line end dropped");
		ft_date_format_rfc3339(&al.v[0].published, d);
		CHECK_STR(d, "2022-07-15T06:30:00+08:00", "a YAML timestamp: one-digit hour and offset");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);
	/* an author object whose name is not a name, or is the object itself:
	 * a warning, not a walk without end */
	n = split("---\ntitle: t\nauthors: [{name: [x]}, &a {name: *a}, {name: 王五}]\n---\nx\n",
		  &al, &dl, 0);
	CHECK(n == 1 && al.n == 1 && !strcmp(join(&al.v[0].authors), "王五") &&
	      has_rule(&dl, "front-matter-bad-value"),
	      "author objects: the one with a name is read, the others are warnings");
	article_list_release(&al);
	ft_diag_list_release(&dl);
	{
		/* 300 authors: 256 kept, one warning for the rest */
		char page[8192];
		int k;
		strcpy(page, "---\ntitle: t\ndate: 2022-07-15\nauthors: [");
		for (k = 0; k < 300; k++)
			sprintf(page + strlen(page), "%sa%d", k ? ", " : "", k);
		strcat(page, "]\n---\nx\n");
		n = split(page, &al, &dl, 0);
		CHECK(n == 1 && al.v[0].authors.n == 256 && dl.count[DIAG_WARNING] == 1,
		      "a list past 256 items: 256 kept, one warning");
		article_list_release(&al);
		ft_diag_list_release(&dl);
	}
	/* not YAML, and not a mapping: errors at their line and column */
	n = split("---\ntitle: t\nauthors: [a, b\n---\nx\n", &al, &dl, 0);
	CHECK(n == -1 && has_rule(&dl, "front-matter-syntax") && dl.v[0].line == 4 &&
	      dl.v[0].column == 1, "an unclosed flow list: an error at 4:1");
	article_list_release(&al);
	ft_diag_list_release(&dl);
	n = split("---\n- a\n---\nx\n", &al, &dl, 0);
	CHECK(n == -1 && has_rule(&dl, "front-matter-syntax") && dl.v[0].line == 2,
	      "a list, not a mapping: an error at its line");
	article_list_release(&al);
	ft_diag_list_release(&dl);
	/* a page of several articles: what one article alone may have is
	 * said of none */
	n = split("---\nid: 12\nsection: s\n---\n# a\nx\n# b\ny\n", &al, &dl, 1);
	CHECK(n == 2 && !al.v[0].given_id && !al.v[1].given_id &&
	      has_rule(&dl, "front-matter-one-article") &&
	      !strcmp(join(&al.v[1].categories), "s"),
	      "id on a page of two: a warning, the section for both");
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* regressions found by fuzzing (tests/fuzz/crashes/) */
	{
		/* a line handed over exactly n bytes long, not NUL-terminated */
		const char *l = "□本报记者 张立新";
		char *exact = malloc(strlen(l));
		struct strlist names = { 0 };
		memcpy(exact, l, strlen(l));
		CHECK_INT(byline_parse(exact, strlen(l), &names, NULL), BYLINE_AUTHORS,
			  "byline parsed within its length");
		strlist_release(&names);
		free(exact);
	}
	n = split("---\ntitle: t\ndate: 9999-12-31T23:00:00Z\n---\nx\n", &al, &dl, 0);
	CHECK_INT(n, -1, "a date past 9999 in the zone fails the page");
	CHECK(has_rule(&dl, "article-date-out-of-range"), "out-of-range date rule id");
	article_list_release(&al);
	ft_diag_list_release(&dl);
	{
		char page[8192];
		size_t k;
		strcpy(page, "---\ntitle: ");
		for (k = 0; k < 1366; k++)      /* 4098 bytes of 3-byte characters */
			strcat(page, "字");
		strcat(page, "\ndate: 2022-07-15\n---\nx\n");
		n = split(page, &al, &dl, 0);
		CHECK(n == 1 && al.v && ft_utf8_valid(al.v[0].title, strlen(al.v[0].title), NULL),
		      "a long title is cut on a character boundary");
		article_list_release(&al);
		ft_diag_list_release(&dl);
	}

	n = split("# 标题 ##\n## 小节\n正文\n#不是标题\n", &al, &dl, 1);
	CHECK_INT(n, 1, "'##' and '#word' do not start articles");
	if (n == 1) {
		CHECK_STR(al.v[0].title, "标题", "closing #s dropped from the title");
		CHECK_STR(al.v[0].body, "## 小节\n正文\n#不是标题", "body keeps the rest");
	}
	article_list_release(&al);
	ft_diag_list_release(&dl);

	/* the content hash: XXH3 over fields apart, and the older FNV-1a */
	{
		struct article a, b;
		char h[ARTICLE_HASH_SIZE];
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.title = (char *)"甲";
		a.body = (char *)"正文甲。";
		article_hash(&a, a.hash);
		CHECK(a.hash[0] == 'x' && strlen(a.hash) == 17 &&
		      strspn(a.hash + 1, "0123456789abcdef") == 16, "the hash is x and 16 hex digits");
		b.title = (char *)"甲正";
		b.body = (char *)"文甲。";
		article_hash(&b, h);
		CHECK(strcmp(a.hash, h) != 0, "a field's end is part of the hash");
		CHECK(article_hash_same(&a, a.hash), "an article is the same as its own hash");
		/* tests/state.sh computes these with Python as well */
		CHECK(article_hash_same(&a, "52a1a46d93099cb6"), "a state's FNV-1a hash of the same text is the same");
		CHECK(!article_hash_same(&b, "52a1a46d93099cb6"), "... and not of another text");
		CHECK(!article_hash_same(&a, "52a1a46d93099cb"), "a 15-digit hash is nobody's");
		CHECK(!article_hash_same(&a, "52a1a46d93099cb6a"), "a 17-digit one neither");
		CHECK(!article_hash_same(&a, "x52a1a46d93099cb"), "nor another article's XXH3 hash");
	}
	return TEST_DONE();
}
