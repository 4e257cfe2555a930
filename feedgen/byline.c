/*
 * byline.c - what a newspaper page holds besides the article text, line by
 * line: bylines ("本报记者 孙宁") give authors, photo credits ("摄") give
 * contributors, and a lead ("本报讯 (记者 X)") names authors before the
 * text, an agency's dateline names the agency whose copy it is.  The
 * body's builder (body.c) asks it about each line.
 */
#include "byline.h"

#include <string.h>

#include "grow.h"
#include "utf8.h"

/* White space between byline tokens: ASCII, U+3000 and U+00A0. */
size_t byline_space_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 3 && !memcmp(s, "\xe3\x80\x80", 3))
		return 3;
	if (n >= 2 && !memcmp(s, "\xc2\xa0", 2))
		return 2;
	return 0;
}

static int ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && !memcmp(s + n - k, suffix, k);
}

static int starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

static int mem_contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;
	for (i = 0; i + k <= n; i++)
		if (!memcmp(s + i, needle, k))
			return 1;
	return 0;
}

/*
 * A role: 本报记者, 首席记者, 见习记者, 通讯员, 视觉重庆签约摄影师 ...  Its
 * rank orders the names it introduces: staff first, then correspondents,
 * trainees, interns (the lead author is the first name); -1 when s is
 * not a role.
 */
static int role_rank(const char *s, size_t n)
{
	static const struct { const char *end; int rank; } roles[] = {
		{ "见习记者", 2 }, { "实习记者", 2 }, { "记者", 0 },
		{ "评论员", 0 }, { "撰稿人", 0 }, { "特约撰稿", 0 },
		{ "通讯员", 1 }, { "实习生", 3 }, { "摄影师", 0 }, { "摄影", 0 },
	};
	size_t i;

	/* at most 12 characters: "视觉重庆签约摄影师" is 9 */
	if (ft_utf8_chars(s, n) > 12)
		return -1;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (ends_with(s, n, roles[i].end))
			return roles[i].rank;
	return -1;
}

static int is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	       (cp >= 0x20000 && cp <= 0x2FFFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* Han characters in s[0..n), or 0 when another character is there. */
static size_t han_chars(const char *s, size_t n)
{
	size_t i = 0, k, chars = 0;
	uint32_t cp;

	while (i < n) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k || !is_han(cp))
			return 0;
		chars++;
		i += k;
	}
	return chars;
}

/* A personal name: 2-4 Han characters, or up to 12 with a middle dot
 * (names such as 买买提·艾力). */
static int is_name(const char *s, size_t n)
{
	size_t i = 0, k, chars = 0, dots = 0;
	uint32_t cp;

	while (i < n) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k)
			return 0;
		if (cp == 0x00B7 || cp == 0x30FB || cp == 0x2022) {
			if (i == 0 || i + k == n)
				return 0;
			dots++;
		} else if (!is_han(cp)) {
			return 0;
		}
		chars++;
		i += k;
	}
	if (dots)
		return chars >= 3 && chars <= 12;
	return chars >= 2 && chars <= 4;
}

/* Markers a byline may start with: □ ■ ◇ ◆ */
static size_t marker_len(const char *s, size_t n)
{
	static const char *const marks[] = { "\xe2\x96\xa1", "\xe2\x96\xa0",
					     "\xe2\x97\x87", "\xe2\x97\x86",
					     NULL };
	size_t i;
	for (i = 0; marks[i]; i++)
		if (starts_with(s, n, marks[i]))
			return 3;
	return 0;
}

#define PHOTO "\xe6\x91\x84"            /* 摄 */
#define SLASH2 "\xef\xbc\x8f"           /* ／ */

/*
 * The agency a name starts with: a news agency or another paper whose
 * copy or photos a page carries (新华社, 中新社, 人民日报 ...), its length
 * in bytes at s, else 0.  Known names first; else a name of two to eight
 * Han characters ending in 社, 报 or 网 (重庆日报, 新京报), never the
 * paper's own (本报).
 */
size_t byline_agency_len(const char *s, size_t n)
{
	static const char *const known[] = {
		"中央广播电视总台", "中国新闻社", "新华社", "中新社", "中新网",
		"人民日报", "人民网", "央视新闻", "央视网", "央视", "新京报",
		"光明日报", "经济日报", "中国日报", "澎湃新闻", "环球时报",
		"中国青年报", "工人日报", "科技日报", "法治日报", "视觉中国",
		"视觉重庆", "山城视觉", "中新视频", NULL
	};
	size_t i, k, chars = 0;
	uint32_t cp;

	for (i = 0; known[i]; i++)
		if (starts_with(s, n, known[i]))
			return strlen(known[i]);
	if (starts_with(s, n, "本报") || starts_with(s, n, "本刊"))
		return 0;
	for (i = 0; i < n && chars < 8; i += k) {
		k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (!k || !is_han(cp))
			return 0;
		chars++;
		if (chars >= 2 && (cp == 0x793E || cp == 0x62A5 || cp == 0x7F51))
			return i + k;   /* 社 报 网 */
	}
	return 0;
}

/* Parentheses are separators in a byline: "新华社发（记者 张三 摄）". */
static size_t sep_len(const char *s, size_t n)
{
	size_t k = byline_space_len(s, n);

	if (k)
		return k;
	if (n >= 1 && (s[0] == '(' || s[0] == ')'))
		return 1;
	if (starts_with(s, n, "\xef\xbc\x88") || starts_with(s, n, "\xef\xbc\x89"))
		return 3;
	return 0;
}

/* What byline_parse collects of a line. */
struct bl {
	const char *tok[16];
	size_t len[16], nt;
	int credit, authors_mark, marked;
	struct strlist *agencies;
	int failed;
};

static void add_agency(struct bl *b, const char *s, size_t n)
{
	if (n && strlist_add_unique(b->agencies, s, n) < 0)
		b->failed = 1;
}

/* UTF-8 without control characters: what an agency's name may be. */
static int plain_text(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return ft_utf8_valid(s, n, NULL);
}

static void drop_token(struct bl *b, size_t i)
{
	memmove(b->tok + i, b->tok + i + 1, (b->nt - i - 1) * sizeof(b->tok[0]));
	memmove(b->len + i, b->len + i + 1, (b->nt - i - 1) * sizeof(b->len[0]));
	b->nt--;
}

/* A leading "文/图", "图/" ... as its own token or glued to a name. */
static void lead_mark(struct bl *b)
{
	static const struct { const char *s; int credit; } marks[] = {
		{ "文/图", 0 }, { "文／图", 0 }, { "图文/", 0 }, { "文图/", 0 },
		{ "图/文", 0 }, { "文/", 0 }, { "文" SLASH2, 0 },
		{ "摄影/", 1 }, { "摄影" SLASH2, 1 }, { "图/", 1 }, { "图" SLASH2, 1 },
		{ PHOTO "/", 1 }, { PHOTO SLASH2, 1 },
	};
	size_t i, k;

	for (i = 0; b->nt && i < sizeof(marks) / sizeof(marks[0]); i++) {
		if (!starts_with(b->tok[0], b->len[0], marks[i].s))
			continue;
		k = strlen(marks[i].s);
		if (marks[i].credit)
			b->credit = 1;
		else
			b->authors_mark = 1;
		b->tok[0] += k;
		b->len[0] -= k;
		if (!b->len[0])
			drop_token(b, 0);
		return;
	}
}

/* Token i is an agency that sent the photo ("新华社发"): 1, else 0. */
static int agency_sent(struct bl *b, size_t i)
{
	const char *t = b->tok[i];
	size_t n = b->len[i];

	if (n <= 3 || !ends_with(t, n, "\xe5\x8f\x91") ||      /* 发 */
	    byline_agency_len(t, n - 3) != n - 3)
		return 0;
	add_agency(b, t, n - 3);
	b->credit = 1;
	drop_token(b, i);
	return 1;
}

/* A trailing 摄, 摄/视觉重庆, 摄影, 报道, or a name glued to 摄 ("黄祖伟摄",
 * "黄祖伟/摄"); a credit naming its agency ("新华社发"). */
static void tail_mark(struct bl *b)
{
	const char *t;
	size_t n;

	if (!b->nt)
		return;
	t = b->tok[b->nt - 1];
	n = b->len[b->nt - 1];
	if (n == 3 && starts_with(t, n, PHOTO)) {
		b->credit = 1;
		b->nt--;
	} else if (starts_with(t, n, PHOTO "/") || starts_with(t, n, PHOTO SLASH2)) {
		size_t k = t[3] == '/' ? 4 : 6;
		b->credit = 1;
		if (n > k && plain_text(t + k, n - k) &&
		    ft_utf8_chars(t + k, n - k) <= 12)
			add_agency(b, t + k, n - k);
		b->nt--;
	} else if (n == 6 && starts_with(t, n, "报道")) {
		b->authors_mark = 1;
		b->nt--;
	} else if (ends_with(t, n, "/" PHOTO) && is_name(t, n - 4)) {
		b->credit = 1;
		b->len[b->nt - 1] -= 4;
	} else if (ends_with(t, n, SLASH2 PHOTO) && is_name(t, n - 6)) {
		b->credit = 1;
		b->len[b->nt - 1] -= 6;
	} else if (ends_with(t, n, PHOTO) && is_name(t, n - 3)) {
		b->credit = 1;
		b->len[b->nt - 1] -= 3;
	}
	/* "新华社发", first or last */
	if (b->nt && agency_sent(b, b->nt - 1))
		return;
	if (b->nt > 1)
		agency_sent(b, 0);
}

enum byline_kind byline_parse(const char *line, size_t n,
			      struct strlist *names, struct strlist *agencies)
{
	struct bl b;
	struct { const char *s, *s2; size_t n, n2; int rank; } found[16];
	size_t i, k, p = 0, nroles = 0, nfound = 0;
	int rank = 0, any_role = 0, photo_role = 0, commentator = 0;
	size_t last_role = 0, last_role_n = 0;
	enum byline_kind kind = BYLINE_NONE;
	struct strlist ag = { 0 };

	memset(&b, 0, sizeof(b));
	/* the agencies are added only when the line is a byline */
	b.agencies = &ag;
	/* a byline is short: most lines are paragraphs, turned away here */
	if (n > 200)
		return BYLINE_NONE;
	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	while (n > p && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (n - p > 160 || n == p)
		return BYLINE_NONE;
	if ((k = marker_len(line + p, n - p))) {
		b.marked = 1;
		p += k;
	}
	while (p < n) {
		size_t start;
		while (p < n && (k = sep_len(line + p, n - p)))
			p += k;
		if (p >= n)
			break;
		start = p;
		while (p < n && !sep_len(line + p, n - p))
			p++;
		if (b.nt == 16)
			return BYLINE_NONE;
		b.tok[b.nt] = line + start;
		b.len[b.nt++] = p - start;
	}
	lead_mark(&b);
	tail_mark(&b);
	for (i = 0; i < b.nt; i++) {
		const char *t = b.tok[i];
		size_t tl = b.len[i];
		int r = role_rank(t, tl);

		if (r >= 0) {
			nroles++;
			any_role = 1;
			rank = r;
			last_role = (size_t)(t - line);
			last_role_n = tl;
			/* tokens are not NUL-terminated: search within len */
			if (mem_contains(t, tl, "摄影"))
				photo_role = 1;
			commentator = ends_with(t, tl, "评论员");
			/* "新华社记者": the agency's photographer */
			if ((k = byline_agency_len(t, tl)) && k < tl)
				add_agency(&b, t, k);
			continue;
		}
		found[nfound].s = t;
		found[nfound].n = tl;
		found[nfound].s2 = NULL;
		found[nfound].n2 = 0;
		/* a name printed before any role leads ("何静 见习记者 马骁") */
		found[nfound].rank = any_role ? rank : -1;
		/* a two-character name set in the width of three, "何　静":
		 * two lone characters, and no third */
		if (i + 1 < b.nt && han_chars(t, tl) == 1 &&
		    han_chars(b.tok[i + 1], b.len[i + 1]) == 1 &&
		    (i + 2 >= b.nt || han_chars(b.tok[i + 2], b.len[i + 2]) != 1)) {
			found[nfound].s2 = b.tok[i + 1];
			found[nfound].n2 = b.len[i + 1];
			i++;
		} else if (!is_name(t, tl)) {
			goto done;
		}
		nfound++;
	}
	if (b.failed)
		goto done;
	if (!nfound) {
		/* "□本报评论员": the role alone signs the article */
		if (nroles && !b.credit && commentator &&
		    (b.marked || ft_utf8_chars(line + last_role, last_role_n) > 3)) {
			if (strlist_add_unique(names, line + last_role, last_role_n) < 0)
				goto done;
			kind = BYLINE_AUTHORS;
		} else if (nroles && !b.credit && !photo_role &&
			   (b.marked || starts_with(line + last_role, last_role_n, "本报"))) {
			kind = BYLINE_EMPTY;        /* "□本报记者" */
		} else if (b.credit && ag.n && nroles == 0) {
			kind = BYLINE_CREDIT;       /* "新华社发" */
		}
		goto agencies;
	}
	if (b.credit || photo_role)
		kind = BYLINE_CREDIT;
	else if (nroles || b.authors_mark)
		kind = BYLINE_AUTHORS;
	else
		goto done;
	/* the lead author first: stable, by the rank of the role before each
	 * name (a name before any role ranks first) */
	for (rank = -1; rank <= 3; rank++)
		for (i = 0; i < nfound; i++) {
			char buf[16];
			const char *s = found[i].s;
			size_t l = found[i].n;
			if (found[i].rank != rank)
				continue;
			if (found[i].s2) {      /* one character each */
				memcpy(buf, s, l);
				memcpy(buf + l, found[i].s2, found[i].n2);
				s = buf;
				l += found[i].n2;
			}
			if (strlist_add_unique(names, s, l) < 0)
				goto done;
		}
agencies:
	if (kind != BYLINE_NONE && agencies)
		for (i = 0; i < ag.n; i++)
			if (strlist_add_unique(agencies, ag.v[i], strlen(ag.v[i])) < 0)
				break;
done:
	strlist_release(&ag);
	return kind;
}
/* ---- datelines ----------------------------------------------------------- */

/* Does line[0..n) hold the UTF-8 character c (3 bytes)?  memchr() on its
 * last byte, which is never a lead byte: a few calls, not one a byte. */
static int holds3(const char *line, size_t n, const char *c)
{
	const char *p = line, *end = line + n;

	while (p + 2 < end && (p = memchr(p + 2, c[2], (size_t)(end - p - 2)))) {
		if (p[-2] == c[0] && p[-1] == c[1])
			return 1;
		p -= 1;
	}
	return 0;
}

/*
 * The dateline a paragraph starts with: up to 30 characters without
 * spaces, ending in 讯 or 电; its end in bytes, 0 if none.  Every
 * paragraph's first line comes here: the bytes are compared in place,
 * without a call per byte.
 */
static size_t dateline_end(const char *line, size_t n)
{
	size_t p, chars = 0;
	const char *xun = "\xe8\xae\xaf", *dian = "\xe7\x94\xb5"; /* 讯 电 */

	/* most paragraphs have neither in their first 30 characters (at most
	 * 4 bytes each), where a dateline ends */
	if (!holds3(line, n < 30 * 4 ? n : 30 * 4, xun) &&
	    !holds3(line, n < 30 * 4 ? n : 30 * 4, dian))
		return 0;
	for (p = 0; p < n; p++) {
		unsigned char c = (unsigned char)line[p];
		if (c == ' ' || c == '\t' || c == '(')
			break;
		if ((c == 0xE3 || c == 0xC2 || c == 0xEF) &&
		    (byline_space_len(line + p, n - p) ||
		     starts_with(line + p, n - p, "\xef\xbc\x88")))
			break;
		if ((c & 0xC0) != 0x80 && ++chars > 30)
			return 0;
	}
	if (chars < 2 || !(ends_with(line, p, xun) || ends_with(line, p, dian)))
		return 0;
	return p;
}

/* The names in the parentheses at line[p..n) appended to names: the end
 * of the parentheses and the space after them, 0 if none. */
static size_t dateline_names(const char *line, size_t n, size_t p,
			     struct strlist *names)
{
	size_t open, close, k, i;
	struct strlist tmp = { 0 };

	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	if (p < n && line[p] == '(')
		open = p + 1;
	else if (starts_with(line + p, n - p, "\xef\xbc\x88"))
		open = p + 3;
	else
		return 0;
	for (close = open; close < n; close++)
		if (line[close] == ')' ||
		    starts_with(line + close, n - close, "\xef\xbc\x89"))
			break;
	if (close >= n)
		return 0;
	if (byline_parse(line + open, close - open, &tmp, NULL) != BYLINE_AUTHORS) {
		strlist_release(&tmp);
		return 0;
	}
	for (i = 0; i < tmp.n; i++)
		strlist_add_unique(names, tmp.v[i], strlen(tmp.v[i]));
	strlist_release(&tmp);
	p = close + (line[close] == ')' ? 1 : 3);
	while (p < n && (k = byline_space_len(line + p, n - p)))
		p += k;
	return p;
}

/* The agency a dateline names ("新华社北京7月12日电", "据新华社电"): its
 * start and length in *at, *len; 0 when it is the paper's own or none. */
static int dateline_agency(const char *line, size_t end, size_t *at,
			   size_t *len)
{
	size_t p = starts_with(line, end, "\xe6\x8d\xae") ? 3 : 0;   /* 据 */
	size_t k = byline_agency_len(line + p, end - p);

	if (!k)
		return 0;
	*at = p;
	*len = k;
	return 1;
}

size_t byline_lead(const char *line, size_t n, struct strlist *names)
{
	size_t end = dateline_end(line, n), at, len;

	/* an agency's dateline stays in the text (byline_dateline) */
	if (!end || dateline_agency(line, end, &at, &len))
		return 0;
	return dateline_names(line, n, end, names);
}

int byline_dateline(const char *line, size_t n, struct strlist *names,
		    struct strlist *agencies)
{
	size_t end = dateline_end(line, n), at, len;

	if (!end || !dateline_agency(line, end, &at, &len))
		return 0;
	if (strlist_add_unique(agencies, line + at, len) < 0)
		return -1;
	dateline_names(line, n, end, names);
	return 1;
}
