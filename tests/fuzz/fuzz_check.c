/*
 * fuzz_check.c - fc_check() on any bytes: once with no transport, once
 * with a transport that claims a charset and a media type picked by the
 * input's first byte (RFC 7303 §3.2: the HTTP charset wins over the
 * declaration), so every path of the encoding decision is reached.
 */
#include <libxml/parser.h>

#include "fuzz_check.h"

/*
 * Library code never prints: libxml2's generic error channel (stderr by
 * default) must not be reached by fc_check().
 */
static int printed;

static void on_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
	printed = 1;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* FUZZ_ALLOW_PRINT=1: fuzz on past a known print not fixed yet */
	if (!getenv("FUZZ_ALLOW_PRINT"))
		xmlSetGenericErrorFunc(NULL, on_generic);
	return 0;
}

static const char *const charsets[] = {
	NULL, "utf-8", "UTF-8", "us-ascii", "iso-8859-1", "windows-1252",
	"utf-16", "utf-16le", "utf-16be", "utf-32", "shift_jis", "euc-jp",
	"gb2312", "gb18030", "koi8-r", "big5", "iso-2022-jp", "ebcdic-cp-us",
	"x-no-such-charset", "", "utf-7", "ucs-2", "latin1", "cp936"
};
static const char *const media[] = {
	NULL, "application/rss+xml", "application/atom+xml", "text/xml",
	"application/xml", "text/html", "application/feed+json",
	"application/json", "text/plain"
};
#define NCS (sizeof(charsets) / sizeof(charsets[0]))
#define NMT (sizeof(media) / sizeof(media[0]))

static void one(const uint8_t *data, size_t size,
		const struct fc_transport *t)
{
	struct fc_result r;
	int rc;

	fc_result_init(&r);
	printed = 0;
	rc = fc_check(data, size, "fuzz", t, NULL, &r);
	FUZZ_CHECK(!printed, "libxml2 printed to its generic error channel");
	FUZZ_CHECK(rc == 0 || rc == -1, "fc_check returned neither 0 nor -1");
	if (rc == 0)
		fuzz_result_ok(&r, size);
	fc_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fc_transport t;

	one(data, size, NULL);
	if (size) {
		t.charset = charsets[data[0] % NCS];
		t.media_type = media[(data[0] / NCS) % NMT];
		t.url = data[0] & 1 ? "http://example.org/feed/" : NULL;
		one(data, size, &t);
	}
	return 0;
}
