/* Page decoding: BOMs, UTF-16, the GB18030 fallback, bad bytes, line ends,
 * characters XML forbids. */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "test.h"

struct result {
	int rc;
	char *text;
	const char *enc;
	struct diag_list dl;
};

static void decode(const char *bytes, size_t n, struct result *r)
{
	struct decoded d = { 0 };

	ft_diag_list_init(&r->dl);
	r->rc = decode_page("p.txt", (const unsigned char *)bytes, n, "GB18030",
			    &r->dl, &d);
	r->text = d.text;
	r->enc = d.encoding;
}

static void done(struct result *r)
{
	free(r->text);
	ft_diag_list_release(&r->dl);
}

static const char *rule0(const struct result *r)
{
	return r->dl.n ? r->dl.v[0].rule : "";
}

#define DEC(lit) decode(lit, sizeof(lit) - 1, &r)

int main(void)
{
	struct result r;

	DEC("# 标题\n正文\n");
	CHECK(r.rc == 0 && r.dl.n == 0, "plain UTF-8 decodes without diagnostics");
	CHECK_STR(r.text, "# 标题\n正文\n", "plain UTF-8 text kept");
	CHECK_STR(r.enc, "UTF-8", "encoding reported as UTF-8");
	done(&r);

	DEC("\xef\xbb\xbf# a\r\nb\rc\n");
	CHECK_STR(r.text, "# a\nb\nc\n", "UTF-8 BOM stripped, CRLF and CR become LF");
	done(&r);

	/* a BOM, U+FFFE or a CR inside Han text, at every place a
	 * sixteen-byte block, a word or a character at a time may meet it:
	 * the BOM and U+FFFE dropped, the CR a line end, the rest as it was */
	{
		static const char base[] = "# 标题\n江津区江津区江津区江津区 abc 江津区江津区江津区江津区江津区\n";
		static const char *const odd[] = { "\xef\xbb\xbf", "\xef\xbf\xbe", "\r" };
		static const char *const want[] = { "", "", "\n" };
		char page[256], expect[256];
		size_t at, k, len = sizeof(base) - 1;
		int wrong = 0;

		for (k = 0; k < 3; k++) {
			for (at = 0; at <= len; at++) {
				/* a character's middle; CR LF, one line end */
				if (((unsigned char)base[at] & 0xC0) == 0x80 ||
				    (k == 2 && base[at] == '\n'))
					continue;
				memcpy(page, base, at);
				memcpy(page + at, odd[k], strlen(odd[k]));
				memcpy(page + at + strlen(odd[k]), base + at, len - at);
				memcpy(expect, base, at);
				memcpy(expect + at, want[k], strlen(want[k]));
				memcpy(expect + at + strlen(want[k]), base + at, len - at);
				expect[len + strlen(want[k])] = '\0';
				decode(page, len + strlen(odd[k]), &r);
				wrong += r.rc != 0 || !r.text || strcmp(r.text, expect);
				done(&r);
			}
		}
		CHECK_INT(wrong, 0, "a BOM or U+FFFE inside the text dropped, a CR made a line end, wherever it is");
	}

	/* "# 中" in UTF-16LE and UTF-16BE with BOM */
	DEC("\xff\xfe#\0 \0\x2d\x4e\n\0");
	CHECK(r.rc == 0, "UTF-16LE with BOM decodes");
	CHECK_STR(r.text, "# 中\n", "UTF-16LE text");
	CHECK_STR(r.enc, "UTF-16LE", "encoding reported as UTF-16LE");
	done(&r);
	DEC("\xfe\xff\0#\0 \x4e\x2d\0\n");
	CHECK_STR(r.text, "# 中\n", "UTF-16BE text");
	done(&r);

	/* a lone high surrogate in UTF-16LE */
	DEC("\xff\xfe" "a\0\n\0" "\x00\xd8" "b\0");
	CHECK(r.rc == -1, "lone surrogate in UTF-16 is an error");
	CHECK_STR(rule0(&r), "page-invalid-encoding", "rule id for bad UTF-16");
	CHECK_INT(r.dl.n ? r.dl.v[0].line : 0, 2, "bad UTF-16 reported on line 2");
	done(&r);

	/* "中文新闻" in GB18030: D6D0 CEC4 D0C2 CEC5 */
	DEC("# \xd6\xd0\xce\xc4\xd0\xc2\xce\xc5\n");
	CHECK(r.rc == 0, "GB18030 page decodes through the fallback");
	CHECK_STR(r.text, "# 中文新闻\n", "GB18030 text");
	CHECK_STR(rule0(&r), "page-fallback-encoding", "fallback is a warning");
	CHECK(r.dl.n && r.dl.v[0].severity == DIAG_WARNING, "fallback severity warning");
	done(&r);

	/* mostly UTF-8 with one bad byte: an error at that byte, no fallback */
	DEC("# 标题\n第一段正文\n第二\xff段\n");
	CHECK(r.rc == -1, "a bad byte in a UTF-8 page is an error");
	CHECK_STR(rule0(&r), "page-invalid-utf8", "rule id for bad UTF-8");
	CHECK_INT(r.dl.n ? r.dl.v[0].line : 0, 3, "bad byte on line 3");
	CHECK_INT(r.dl.n ? r.dl.v[0].column : 0, 3, "bad byte at column 3 (characters)");
	CHECK_INT(r.dl.n ? r.dl.v[0].offset : -1, 31, "bad byte offset");
	done(&r);

	/* overlong and out-of-range UTF-8 are not UTF-8 */
	DEC("# 标题标题标题\n\xc0\xaf\n");
	CHECK(r.rc == -1 && !strcmp(rule0(&r), "page-invalid-utf8"),
	      "overlong sequence rejected");
	done(&r);
	DEC("# 标题标题标题\n\xf4\x90\x80\x80\n");
	CHECK(r.rc == -1, "code point past U+10FFFF rejected");
	done(&r);

	/* a form feed (PDF conversion) and a NUL are dropped with a warning */
	DEC("# a\nb\fc\nd\0e\n");
	CHECK(r.rc == 0, "forbidden characters do not fail the page");
	CHECK_STR(r.text, "# a\nbc\nde\n", "form feed and NUL dropped");
	CHECK_INT(r.dl.n, 2, "one warning per line with forbidden characters");
	CHECK_STR(rule0(&r), "page-forbidden-char", "rule id for forbidden chars");
	CHECK_INT(r.dl.n ? r.dl.v[0].line : 0, 2, "form feed warning names line 2");
	done(&r);

	decode("", 0, &r);
	CHECK(r.rc == 0 && r.text && !*r.text, "empty input decodes to empty text");
	done(&r);

	CHECK(decode_encoding_known("GB18030") == 0, "GB18030 known to iconv");
	CHECK(decode_encoding_known("NO-SUCH-ENCODING") < 0, "unknown encoding rejected");
	return TEST_DONE();
}
