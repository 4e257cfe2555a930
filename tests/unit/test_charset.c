/* Encoding resolution (RFC 7303 §3.2) and encoding faults, table-driven. */
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "test.h"

#define DECL(e) "<?xml version=\"1.0\" encoding=\"" e "\"?>\n"
#define S(x) (const unsigned char *)(x), sizeof(x) - 1

struct ccase {
	const char *what;
	const unsigned char *b;
	size_t n;
	const char *http, *media;
	int ret;                  /* fc_charset_resolve's return */
	const char *used, *declared, *bom;
	const char *rules;        /* every rule that must be reported, space-separated */
	const char *absent;       /* rules that must not be */
	const char *msg;          /* a substring of some message, or NULL */
};

static const struct ccase cases[] = {
	{ "plain UTF-8", S(DECL("utf-8") "<rss>Caf\xc3\xa9</rss>\n"), NULL,
	  "application/rss+xml", 0, "utf-8", "utf-8", NULL, "",
	  "charset-invalid-bytes charset-double-encoded charset-c1-controls", NULL },
	{ "no declaration, no charset: UTF-8", S("<rss>\xe4\xb8\xad</rss>"), NULL, NULL, 0,
	  "UTF-8", NULL, NULL, "", "charset-invalid-bytes", NULL },
	{ "charset=gbk on UTF-8 bytes", S(DECL("utf-8") "<rss>\xe4\xb8\xad\xe6\x96\x87 Caf\xc3\xa9</rss>\n"),
	  "gbk", "application/rss+xml", 1, "gbk", "utf-8", NULL,
	  "charset-http-declaration-mismatch charset-invalid-bytes", NULL,
	  "the bytes are valid UTF-8" },
	{ "gb2312 label on GBK text", S(DECL("gb2312") "<rss>\xd6\xec\xe9\x46\xbb\xf9</rss>\n"),
	  "gb2312", "application/xml", 1, "gb2312", "gb2312", NULL,
	  "charset-label-too-narrow", "charset-invalid-bytes charset-http-declaration-mismatch",
	  "label it 'gbk' (or 'gb18030')" },
	{ "gbk label on GB18030 text", S(DECL("gbk") "<rss>\x95\x32\x82\x36</rss>"), NULL, NULL, 1,
	  "gbk", "gbk", NULL, "charset-label-too-narrow", NULL, "label it 'GB18030'" },
	{ "Shift_JIS label, CP932 character", S(DECL("Shift_JIS") "<rss>\x87\x40</rss>"), NULL,
	  NULL, 1, "Shift_JIS", "Shift_JIS", NULL, "charset-label-too-narrow", NULL, "CP932" },
	{ "EUC-KR label, CP949 character", S(DECL("EUC-KR") "<rss>\x86\xeb</rss>"), NULL, NULL, 1,
	  "EUC-KR", "EUC-KR", NULL, "charset-label-too-narrow", NULL, "CP949" },
	{ "Windows-1252 quotes under ISO-8859-1", S(DECL("iso-8859-1") "<rss>\x93q\x94</rss>"),
	  "iso-8859-1", NULL, 0, "iso-8859-1", "iso-8859-1", NULL, "charset-c1-controls",
	  "charset-http-declaration-mismatch", "windows-1252" },
	{ "Windows-1252 labelled so", S(DECL("windows-1252") "<rss>\x93q\x94</rss>"), NULL, NULL,
	  0, "windows-1252", "windows-1252", NULL, "", "charset-c1-controls", NULL },
	{ "ISO-8859-2 C1 maps to windows-1250", S(DECL("ISO-8859-2") "<a>\x8a</a>"), NULL, NULL,
	  0, "ISO-8859-2", "ISO-8859-2", NULL, "charset-c1-controls", NULL, "windows-1250" },
	{ "double-encoded UTF-8", S(DECL("utf-8") "<rss>Caf\xc3\x83\xc2\xa9</rss>"), NULL, NULL, 0,
	  "utf-8", "utf-8", NULL, "charset-double-encoded", NULL, "is '\xc3\xa9' encoded" },
	{ "double-encoded quote via cp1252", S("<rss>it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s</rss>"),
	  NULL, NULL, 0, "UTF-8", NULL, NULL, "charset-double-encoded", NULL,
	  "is '\xe2\x80\x99'" },
	{ "text/xml without charset", S(DECL("utf-8") "<rss/>"), NULL, "text/xml", 0, "utf-8",
	  "utf-8", NULL, "charset-text-xml-no-charset", NULL, NULL },
	{ "text/xml with charset", S(DECL("utf-8") "<rss/>"), "utf-8", "text/xml", 0, "utf-8",
	  "utf-8", NULL, "", "charset-text-xml-no-charset", NULL },
	{ "UTF-8 BOM against the HTTP charset", S("\xef\xbb\xbf" DECL("iso-8859-1") "<rss>Caf\xc3\xa9</rss>"),
	  "iso-8859-1", NULL, 0, "UTF-8", "iso-8859-1", "UTF-8", "charset-bom-conflict",
	  "charset-http-declaration-mismatch", "the BOM wins" },
	{ "UTF-8 BOM and utf-8 labels", S("\xef\xbb\xbf" DECL("UTF-8") "<rss/>"), "utf-8", NULL, 0,
	  "UTF-8", "UTF-8", "UTF-8", "", "charset-bom-conflict charset-bom-with-endian-label",
	  NULL },
	{ "unknown HTTP label", S(DECL("utf-8") "<rss/>"), "x-no-such", NULL, 1, "x-no-such",
	  "utf-8", NULL, "charset-unknown-label", NULL, "'x-no-such'" },
	{ "unknown declared label", S(DECL("klingon") "<rss/>"), NULL, NULL, 1, "klingon",
	  "klingon", NULL, "charset-unknown-label", NULL, NULL },
	{ "a label with a slash is not an iconv request", S(DECL("utf-8//IGNORE") "<rss/>"), NULL,
	  NULL, 1, "utf-8//IGNORE", "utf-8//IGNORE", NULL, "charset-unknown-label", NULL, NULL },
	{ "invalid UTF-8 with position", S("<rss>\n  \xff\xfex</rss>"), NULL, NULL, 1, "UTF-8",
	  NULL, NULL, "charset-invalid-bytes", NULL, "at byte 8: ff fe 78" },
	{ "truncated UTF-8", S("<rss>\xe4\xb8"), NULL, NULL, 1, "UTF-8", NULL, NULL,
	  "charset-invalid-bytes", NULL, "truncated" },
	{ "truncated GBK", S(DECL("gbk") "<rss>\xd6"), NULL, NULL, 1, "gbk", "gbk", NULL,
	  "charset-invalid-bytes", NULL, "truncated" },
	{ "UTF-8 under a Latin-1 declaration", S(DECL("iso-8859-1") "<rss>Caf\xc3\xa9</rss>"), NULL,
	  NULL, 0, "iso-8859-1", "iso-8859-1", NULL, "charset-utf8-mislabelled", NULL, NULL },
	{ "aliases agree", S(DECL("ISO-8859-1") "<rss>caf\xe9</rss>"), "latin1", NULL, 0,
	  "latin1", "ISO-8859-1", NULL, "", "charset-http-declaration-mismatch", NULL },
	{ "charset and declaration disagree, both decode", S(DECL("iso-8859-1") "<rss>caf\xe9</rss>"),
	  "windows-1252", NULL, 0, "windows-1252", "iso-8859-1", NULL,
	  "charset-http-declaration-mismatch", NULL, "either way" },
	{ "spaces around = in the declaration",
	  S("<?xml version='1.0' encoding = 'KOI8-R' ?><a>\xf0\xd2\xc9\xd7\xc5\xd4</a>"), NULL,
	  NULL, 0, "KOI8-R", "KOI8-R", NULL, "", "charset-invalid-bytes", NULL },
	{ "Big5", S(DECL("big5") "<a>\xa4\xa4\xa4\xe5</a>"), NULL, NULL, 0, "big5", "big5", NULL,
	  "", "charset-invalid-bytes", NULL },
	{ "EUC-JP", S(DECL("EUC-JP") "<a>\xc6\xfc\xcb\xdc</a>"), NULL, NULL, 0, "EUC-JP", "EUC-JP",
	  NULL, "", "charset-invalid-bytes", NULL },
	{ "EUC-KR", S(DECL("EUC-KR") "<a>\xc7\xd1\xb1\xb9</a>"), NULL, NULL, 0, "EUC-KR", "EUC-KR",
	  NULL, "", "charset-invalid-bytes", NULL },
	{ "Shift_JIS", S(DECL("Shift_JIS") "<a>\x93\xfa\x96\x7b</a>"), NULL, NULL, 0, "Shift_JIS",
	  "Shift_JIS", NULL, "", "charset-invalid-bytes", NULL },
	{ "windows-1251", S(DECL("windows-1251") "<a>\xcf\xf0\xe8</a>"), NULL, NULL, 0,
	  "windows-1251", "windows-1251", NULL, "", "charset-invalid-bytes", NULL },
	{ "GB18030", S(DECL("GB18030") "<a>\x95\x32\x82\x36</a>"), NULL, NULL, 0, "GB18030",
	  "GB18030", NULL, "", "charset-invalid-bytes", NULL },
	{ "UTF-16LE with BOM, declared utf-16",
	  S("\xff\xfe<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0'\0u\0t\0f\0-\0""1\0""6\0'\0?\0>\0<\0a\0/\0>\0"),
	  NULL, NULL, 0, "UTF-16LE", "utf-16", "UTF-16LE", "",
	  "charset-bom-conflict charset-bom-with-endian-label charset-utf16-no-bom", NULL },
	{ "UTF-16LE with BOM, declared utf-16le",
	  S("\xff\xfe<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0'\0u\0t\0f\0-\0""1\0""6\0l\0e\0'\0?\0>\0"),
	  NULL, NULL, 0, "UTF-16LE", "utf-16le", "UTF-16LE", "charset-bom-with-endian-label",
	  "charset-bom-conflict", NULL },
	{ "UTF-16BE without BOM, declared utf-16",
	  S("\0<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0u\0t\0f\0-\0""1\0""6\0\"\0?\0>"),
	  NULL, NULL, 0, "UTF-16BE", "utf-16", NULL, "charset-utf16-no-bom", NULL, NULL },
	{ "UTF-16LE without BOM, declared utf-16",
	  S("<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0u\0t\0f\0-\0""1\0""6\0\"\0?\0>\0"),
	  NULL, NULL, 0, "UTF-16LE", "utf-16", NULL, "charset-utf16-no-bom", NULL, NULL },
	{ "UTF-32 BOM", S("\xff\xfe\0\0<\0\0\0a\0\0\0/\0\0\0>\0\0\0"), NULL, NULL, 0, "UTF-32LE",
	  NULL, "UTF-32LE", "charset-utf32", NULL, NULL },
	{ "UTF-16 BOM against a UTF-8 declaration", S("\xfe\xff\0<\0?\0x\0m\0l\0 \0e\0n\0c\0o\0d\0i\0n\0g\0=\0'\0u\0t\0f\0-\0""8\0'\0?\0>"),
	  NULL, NULL, 0, "UTF-16BE", "utf-8", "UTF-16BE", "charset-bom-conflict", NULL, NULL },
	{ "JSON: no declaration is looked for", S("{\"version\": \"<?xml encoding='x'?>\"}"), NULL,
	  "application/feed+json", 0, "UTF-8", NULL, NULL, "", "charset-unknown-label", NULL },
};

/*
 * Malformed sequences, one finding each with the column and offset of its
 * first byte: the maximal subparts of Unicode §3.9 (Table 3-7) for UTF-8,
 * one code unit for UTF-16 and UTF-32 (a lone surrogate), after which the
 * decoding goes on in step.  The repaired text has one U+FFFD for each.
 */
#define FFFD "\xef\xbf\xbd"
struct scase {
	const char *what;
	const unsigned char *b;
	size_t n;
	int nbad;                 /* findings (at most 5) */
	long col[5];
	long long off[5];
	int truncated;            /* the last one says "truncated" */
	const char *enc;          /* for fc_charset_decode */
	size_t bom;               /* bytes of BOM to skip for fc_charset_decode */
	const char *repaired;     /* fc_charset_decode's result */
};

static const struct scase scases[] = {
	{ "UTF-8: a sequence cut short by ASCII is one fault", S("a\xe4\xb8" "b"),
	  1, { 2 }, { 1 }, 0, "UTF-8", 0, "a" FFFD "b" },
	{ "UTF-8: a lone lead byte", S("a\xc3" "b"), 1, { 2 }, { 1 }, 0, "UTF-8", 0,
	  "a" FFFD "b" },
	{ "UTF-8: four-byte prefix cut short", S("a\xf0\x9f\x98" "b"), 1, { 2 }, { 1 }, 0,
	  "UTF-8", 0, "a" FFFD "b" },
	{ "UTF-8: a prefix cut short by the next lead", S("\xe4\xb8\xe4\xb8\xad" "x\xff"),
	  2, { 1, 4 }, { 0, 6 }, 0, "UTF-8", 0, FFFD "\xe4\xb8\xad" "x" FFFD },
	{ "UTF-8: truncated at the end", S("a\xf0\x9f\x98"), 1, { 2 }, { 1 }, 1, "UTF-8", 0,
	  "a" FFFD },
	{ "UTF-8: overlong C0 AF is two faults (C0 is never a lead)", S("a\xc0\xaf" "b"),
	  2, { 2, 3 }, { 1, 2 }, 0, "UTF-8", 0, "a" FFFD FFFD "b" },
	{ "UTF-8: overlong E0 80 AF is three (80 cannot follow E0)", S("a\xe0\x80\xaf" "b"),
	  3, { 2, 3, 4 }, { 1, 2, 3 }, 0, "UTF-8", 0, "a" FFFD FFFD FFFD "b" },
	{ "UTF-8: a surrogate ED A0 80 is three", S("a\xed\xa0\x80" "b"),
	  3, { 2, 3, 4 }, { 1, 2, 3 }, 0, "UTF-8", 0, "a" FFFD FFFD FFFD "b" },
	{ "UTF-8: past U+10FFFF, F4 90 80 80, is four", S("a\xf4\x90\x80\x80" "b"),
	  4, { 2, 3, 4, 5 }, { 1, 2, 3, 4 }, 0, "UTF-8", 0,
	  "a" FFFD FFFD FFFD FFFD "b" },
	{ "UTF-8: a lone trail byte after a character", S("\xe1\x80\x80\x80" "\xe1\x80\x80"),
	  1, { 2 }, { 3 }, 0, "UTF-8", 0, "\xe1\x80\x80" FFFD "\xe1\x80\x80" },
	{ "UTF-16LE: a lone high surrogate, then in step",
	  S("\xff\xfe" "a\0\0\xd8" "b\0c\0"), 1, { 2 }, { 4 }, 0, "UTF-16LE", 2,
	  "a" FFFD "bc" },
	{ "UTF-16BE: a lone low surrogate, then in step",
	  S("\xfe\xff" "\0a\xdc\0" "\0b\0c"), 1, { 2 }, { 4 }, 0, "UTF-16BE", 2,
	  "a" FFFD "bc" },
	{ "UTF-16LE: two high surrogates are two faults",
	  S("\xff\xfe" "a\0\0\xd8\0\xd8" "b\0"), 2, { 2, 3 }, { 4, 6 }, 0, "UTF-16LE", 2,
	  "a" FFFD FFFD "b" },
	{ "UTF-16LE: a pair is one character", S("\xff\xfe" "\x3d\xd8\x00\xde" "b\0\0\xdc"),
	  1, { 3 }, { 8 }, 0, "UTF-16LE", 2, "\xf0\x9f\x98\x80" "b" FFFD },
	{ "UTF-16LE: a high surrogate at the end is truncated",
	  S("\xff\xfe" "a\0\x3d\xd8"), 1, { 2 }, { 4 }, 1, "UTF-16LE", 2, "a" FFFD },
	{ "UTF-32LE: a surrogate is one code unit",
	  S("\xff\xfe\0\0" "a\0\0\0\0\xd8\0\0" "b\0\0\0"), 1, { 2 }, { 8 }, 0,
	  "UTF-32LE", 4, "a" FFFD "b" },
};

static int count_rule(const struct diag_list *dl, const char *rule)
{
	size_t i;
	int n = 0;

	for (i = 0; i < dl->n; i++)
		if (!strcmp(dl->v[i].rule, rule))
			n++;
	return n;
}

static int rules_ok(const struct diag_list *dl, const char *list, int want)
{
	char tmp[256], *w, *save = NULL;

	snprintf(tmp, sizeof(tmp), "%s", list ? list : "");
	for (w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if ((count_rule(dl, w) > 0) != want)
			return 0;
	return 1;
}

static int has_msg(const struct diag_list *dl, const char *sub)
{
	size_t i;

	for (i = 0; i < dl->n; i++)
		if (strstr(dl->v[i].message, sub))
			return 1;
	return 0;
}


/* the message says the sequence was cut short by the end: "truncated
 * sequence ...", or a lone surrogate "... (the document was cut short)" */
static int said_cut(const char *m)
{
	return !strncmp(m, "truncated", 9) || strstr(m, "(the document was cut short)");
}
static int same(const char *a, const char *b)
{
	return a ? b && !strcmp(a, b) : !b;
}

int main(void)
{
	size_t i;
	struct fc_charset_info ci;
	struct diag_list dl;

	fc_charset_info_init(&ci);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct ccase *c = &cases[i];
		int ret, ok;

		ft_diag_list_init(&dl);
		ret = fc_charset_resolve(c->b, c->n, c->http, c->media, "t.xml", &ci, &dl);
		ok = ret == c->ret && same(ci.used, c->used) && same(ci.declared, c->declared) &&
		     same(ci.bom, c->bom) && rules_ok(&dl, c->rules, 1) &&
		     rules_ok(&dl, c->absent, 0) && (!c->msg || has_msg(&dl, c->msg)) &&
		     ci.decodes == (ret == 0);
		CHECK(ok, "%s", c->what);
		if (!ok) {
			size_t k;

			printf("#   ret %d used '%s' declared '%s' bom '%s'\n", ret,
			       ci.used ? ci.used : "(null)",
			       ci.declared ? ci.declared : "(null)",
			       ci.bom ? ci.bom : "(null)");
			for (k = 0; k < dl.n; k++)
				printf("#   %ld:%ld [%s] %s\n", dl.v[k].line, dl.v[k].column,
				       dl.v[k].rule, dl.v[k].message);
		}
		ft_diag_list_release(&dl);
	}

	for (i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
		const struct scase *c = &scases[i];
		unsigned char *out = NULL;
		size_t len = 0, k, m;
		int ok = 1;

		ft_diag_list_init(&dl);
		fc_charset_resolve(c->b, c->n, NULL, NULL, "t.xml", &ci, &dl);
		/* UTF-32 has its warning first: charset-utf32 */
		m = count_rule(&dl, "charset-utf32");
		ok = (int)(dl.n - m) == c->nbad &&
		     count_rule(&dl, "charset-invalid-bytes") == c->nbad;
		for (k = m; ok && k < dl.n; k++)
			ok = dl.v[k].line == 1 && dl.v[k].column == c->col[k - m] &&
			     dl.v[k].offset == c->off[k - m] &&
			     said_cut(dl.v[k].message) == (c->truncated && k == dl.n - 1);
		CHECK(ok, "%s", c->what);
		if (!ok)
			for (k = 0; k < dl.n; k++)
				printf("#   %ld:%ld @%lld [%s] %s\n", dl.v[k].line,
				       dl.v[k].column, dl.v[k].offset, dl.v[k].rule,
				       dl.v[k].message);
		ft_diag_list_release(&dl);
		ok = fc_charset_decode(c->b + c->bom, c->n - c->bom, c->enc, 100, &out,
				    &len) == 0 && !strcmp((char *)out, c->repaired);
		CHECK(ok, "%s: repaired", c->what);
		if (!ok)
			printf("#   got '%s'\n", out ? (char *)out : "(null)");
		free(out);
	}
	/* the double-encoding check looks at valid UTF-8 only */
	ft_diag_list_init(&dl);
	fc_charset_resolve(S("<rss>Caf\xc3\x83\xc2\xa9 \xff</rss>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(count_rule(&dl, "charset-invalid-bytes") == 1 &&
	      count_rule(&dl, "charset-double-encoded") == 0,
	      "double encoding is not reported in bytes that are not UTF-8");
	ft_diag_list_release(&dl);
	fc_charset_resolve(S("<rss>\n\xe2\x80\x9c Caf\xc3\x83\xc2\xa9 \xc3\xa2\xe2\x82\xac\xe2\x84\xa2</rss>"),
			NULL, NULL, "t.xml", &ci, &dl);
	CHECK(dl.n == 1 && dl.v[0].line == 2 && dl.v[0].column == 6 && dl.v[0].offset == 13 &&
	      strstr(dl.v[0].message, "(2 such sequences)"),
	      "double encoding: the first one's position, and the count");
	ft_diag_list_release(&dl);

	/* positions: line, column (characters), byte offset */
	ft_diag_list_init(&dl);
	fc_charset_resolve(S("<rss>\n  \xc3\xa9\xff</rss>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(dl.n == 1 && dl.v[0].line == 2 && dl.v[0].column == 4 && dl.v[0].offset == 10,
	      "invalid byte at line 2, column 4, byte 10");
	ft_diag_list_release(&dl);
	fc_charset_resolve(S("\xef\xbb\xbf<a>\n\xff</a>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(dl.n == 1 && dl.v[0].line == 2 && dl.v[0].column == 1 && dl.v[0].offset == 7,
	      "offsets count the BOM");
	CHECK(ci.bom_len == 3, "BOM length");
	ft_diag_list_release(&dl);
	fc_charset_resolve(S(DECL("gb2312") "<a>\xd6\xec\n\xe9\x46</a>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(dl.n == 1 && dl.v[0].line == 3 && dl.v[0].column == 1 &&
	      strstr(dl.v[0].message, "e9 46"), "GBK position and hex under gb2312");
	ft_diag_list_release(&dl);
	{
		/* many invalid bytes: a bounded number of diagnostics */
		unsigned char many[1000];

		memset(many, 0xff, sizeof(many));
		fc_charset_resolve(many, sizeof(many), NULL, NULL, "t.xml", &ci, &dl);
		CHECK(dl.n <= 6 && count_rule(&dl, "charset-invalid-bytes") == (int)dl.n,
		      "1000 bad bytes give at most 6 diagnostics");
		CHECK(dl.n && strstr(dl.v[dl.n - 1].message, "995 more"), "the rest is counted");
		ft_diag_list_release(&dl);
	}
	/* the unknown flag: nothing can be decoded */
	fc_charset_resolve(S(DECL("klingon") "<rss/>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(ci.unknown == 1 && ci.decodes == 0, "an unknown label sets unknown");
	CHECK(dl.n == 1 && dl.v[0].line == 1 && dl.v[0].column == 31 && dl.v[0].offset == 30,
	      "an unknown declared label is reported at the label");
	ft_diag_list_release(&dl);
	fc_charset_resolve(S(DECL("utf-8") "<rss/>"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(ci.unknown == 0 && ci.decodes == 1, "a known label does not");
	ft_diag_list_release(&dl);
	/* a truncated sequence is one fault, not one per byte */
	fc_charset_resolve(S("<rss>\xe4\xb8"), NULL, NULL, "t.xml", &ci, &dl);
	CHECK(dl.n == 1, "truncated UTF-8 is reported once");
	ft_diag_list_release(&dl);
	{
		/* fc_charset_decode: to UTF-8, bad sequences as U+FFFD, bounded */
		unsigned char *out;
		size_t len;

		CHECK(fc_charset_decode(S("\xd6\xec\xe9\x46"), "GBK", 100, &out, &len) == 0 &&
		      len == 6 && !memcmp(out, "\xe6\x9c\xb1\xe9\x95\x95", 6) && !out[len],
		      "GBK decoded to UTF-8");
		free(out);
		CHECK(fc_charset_decode(S("a\x93q\x94"), "windows-1252", 100, &out, &len) == 0 &&
		      !strcmp((char *)out, "a\xe2\x80\x9cq\xe2\x80\x9d"), "Windows-1252 quotes");
		free(out);
		/* one U+FFFD per maximal subpart (Unicode §3.9): the truncated
		 * e4 b8 is one, as fc_charset_resolve() reports it once */
		CHECK(fc_charset_decode(S("a\xff" "b\xe4\xb8"), "utf-8", 100, &out, &len) == 0 &&
		      !strcmp((char *)out, "a\xef\xbf\xbd" "b\xef\xbf\xbd"),
		      "invalid UTF-8 repaired with U+FFFD");
		free(out);
		CHECK(fc_charset_decode(S("a\x81\x20" "b"), "Shift_JIS", 100, &out, &len) == 0 &&
		      !strncmp((char *)out, "a\xef\xbf\xbd", 4), "invalid Shift_JIS repaired");
		free(out);
		CHECK(fc_charset_decode(S("\xff\xfe<\0a\0"), "UTF-16", 100, &out, &len) == 0 &&
		      !strcmp((char *)out, "<a"), "UTF-16 with its BOM");
		free(out);
		CHECK(fc_charset_decode(S("abcdef"), "latin1", 4, &out, &len) == -1 && !out,
		      "the ceiling holds");
		CHECK(fc_charset_decode(S("abc"), "x-klingon", 100, &out, &len) == -2 && !out,
		      "an unknown encoding");
	}
	CHECK(fc_charset_same("UTF-8", "utf8") && fc_charset_same("latin1", "ISO_8859-1") &&
	      fc_charset_same("cp936", "GBK") && !fc_charset_same("gb2312", "gbk"),
	      "label comparison");
	fc_charset_info_release(&ci);
	return TEST_DONE();
}
