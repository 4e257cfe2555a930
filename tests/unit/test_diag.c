/*
 * test_diag.c - the one escaper both tools print names and messages
 * through (lib/diag.h): what is escaped and how, the buffer and the
 * stream forms agreeing, and a diagnostic's printed line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "test.h"

/* s escaped through the stream form */
static char *put(const char *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (!fp)
		return NULL;
	ft_put_escaped(fp, s);
	fclose(fp);
	return text;
}

static void both(const char *in, const char *want, const char *what)
{
	struct buf b = BUF_INIT(1 << 20);
	char *p = put(in);

	ft_buf_add_escaped(&b, in);
	CHECK_STR(b.data ? b.data : "", want, what);
	CHECK_STR(p, want, what);
	free(p);
	ft_buf_release(&b);
}

int main(void)
{
	static const struct {
		const char *in, *want, *what;
	} cases[] = {
		{ "plain/name.txt", "plain/name.txt", "ASCII as it is" },
		{ "\xe6\xb1\x9f\xe5\xb7\x9e.txt", "\xe6\xb1\x9f\xe5\xb7\x9e.txt",
		  "Han characters as they are" },
		{ "a\nb\tc\rd", "a\\nb\\tc\\rd", "newline, tab, CR" },
		{ "\x1b[2J\x7f", "\\x1b[2J\\x7f", "ESC and DEL" },
		{ "x\xc2\x85y\xc2\x9b", "x\\u0085y\\u009b", "C1 controls (NEL, CSI)" },
		{ "\xe2\x80\xae" "cod.exe", "\\u202ecod.exe", "a right-to-left override" },
		{ "\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9", "\\u202a\\u2066\\u2069",
		  "embeddings and isolates" },
		{ "bad\xff\xfe.txt", "bad\\xff\\xfe.txt", "bytes that are not UTF-8" },
		{ "\xe6\xb1", "\\xe6\\xb1", "a cut sequence" },
		{ "\xc2\xa0\xe2\x80\x8b", "\xc2\xa0\xe2\x80\x8b",
		  "no-break and zero-width spaces are not controls" },
		{ "back\\slash", "back\\slash", "a backslash as it is" },
	};
	struct diag d;
	char line[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		both(cases[i].in, cases[i].want, cases[i].what);

	/* a diagnostic: its file, message and JSON Pointer escaped alike */
	memset(&d, 0, sizeof(d));
	d.severity = DIAG_WARNING;
	d.rule = "r";
	d.file = (char *)"c\xc2\x85/p\n.txt";
	d.message = (char *)"m\xe2\x80\xae";
	d.offset = -1;
	d.path = (char *)"/a\x1b";
	ft_diag_format(&d, line, sizeof(line));
	CHECK_STR(line, "c\\u0085/p\\n.txt:/a\\x1b: warning: m\\u202e [r]",
		  "a diagnostic is one escaped line");
	d.line = 3;
	d.column = 2;
	ft_diag_format(&d, line, sizeof(line));
	CHECK_STR(line, "c\\u0085/p\\n.txt:3:2: warning: m\\u202e (at /a\\x1b) [r]",
		  "... with its place and pointer");

	{
		char *text = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&text, &len);
		ft_printf_escaped(fp, "%s: error: %s [x]\n", "dir\xc2\x9b", "why\n");
		fclose(fp);
		CHECK_STR(text, "dir\\u009b: error: why\\n [x]\n",
			  "a printf line escaped but its final newline");
		free(text);
	}

	{
		/* the one message writer: place, severity, message, rule */
		static const struct {
			const char *where;
			long line, col;
			const char *want;
		} m[] = {
			{ "feedcheck", 0, 0, "feedcheck: error: bad 'x\\x1b[2J' here [usage]\n" },
			{ "a.rc", 3, 1, "a.rc:3:1: error: bad 'x\\x1b[2J' here [usage]\n" },
			{ "a\nb.rc", 3, 0, "a\\nb.rc:3: error: bad 'x\\x1b[2J' here [usage]\n" },
			{ NULL, 0, 5, "-: error: bad 'x\\x1b[2J' here [usage]\n" },
		};
		size_t k;
		for (k = 0; k < sizeof(m) / sizeof(m[0]); k++) {
			char *text = NULL;
			size_t len = 0;
			FILE *fp = open_memstream(&text, &len);
			ft_message(fp, m[k].where, m[k].line, m[k].col, DIAG_ERROR,
				   "usage", "bad '%s' %s", "x\x1b[2J", "here");
			fclose(fp);
			CHECK_STR(text, m[k].want, "ft_message: the place, the message escaped");
			free(text);
		}
	}

	{
		/* one list into another: what passes the ceiling is counted */
		struct diag_list a, b;
		int k;

		ft_diag_list_init(&a);
		ft_diag_list_init(&b);
		a.max = 3;
		b.max = 2;
		ft_diag_add(&a, DIAG_ERROR, "x", "f", 1, 1, "a1");
		for (k = 0; k < 4; k++)
			ft_diag_add(&b, DIAG_WARNING, "y", "f", 2, 1, "b%d", k);
		ft_diag_list_move(&a, &b);
		CHECK(a.n == 3 && !strcmp(a.v[1].message, "b0") &&
		      !strcmp(a.v[2].message, "b1"), "moved to the end, up to the ceiling");
		CHECK(a.dropped == 2 && a.count[DIAG_WARNING] == 4 &&
		      a.count[DIAG_ERROR] == 1, "the rest counted as dropped, every one counted");
		CHECK(b.n == 0 && !b.v && b.dropped == 0 && b.count[DIAG_WARNING] == 0 &&
		      b.max == 2, "the source left empty, its ceiling kept");
		ft_diag_list_release(&a);
		ft_diag_list_release(&b);
	}
	return TEST_DONE();
}
