/*
 * fuzz_charset.c - fc_charset_resolve() on any bytes with no HTTP charset and
 * with a few (a BOM, the HTTP charset and the XML declaration compete:
 * RFC 7303 §3.2, XML 1.0 §4.3.3 and appendix F).
 */
#include "charset.h"
#include "fuzz.h"
#include "fuzz_check.h"

static const char *const http[] = {
	NULL, "utf-8", "iso-8859-1", "utf-16", "utf-16be", "shift_jis",
	"x-unknown", "gb18030"
};
static const char *const media[] = { NULL, "text/xml", "application/rss+xml" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof(http) / sizeof(http[0]); i++) {
		struct fc_charset_info ci;
		struct diag_list dl;
		size_t k;
		int rc;

		fc_charset_info_init(&ci);
		ft_diag_list_init(&dl);
		rc = fc_charset_resolve(data, size, http[i], media[i % 3], "fuzz",
				     &ci, &dl);
		FUZZ_CHECK(rc >= -1 && rc <= 1, "result out of range");
		if (rc == 0) {
			FUZZ_CHECK(ci.used != NULL, "decodes but no encoding used");
			FUZZ_CHECK(ci.decodes == 1, "returned 0 but does not decode");
		}
		FUZZ_CHECK(ci.bom_len <= size, "BOM longer than the input");
		FUZZ_CHECK(!ci.bom == !ci.bom_len, "BOM name and length disagree");
		if (http[i] && rc >= 0)
			FUZZ_CHECK(ci.http != NULL, "HTTP charset lost");
		for (k = 0; k < dl.n; k++) {
			FUZZ_CHECK(dl.v[k].rule && fuzz_rule_known(dl.v[k].rule),
				   "finding with an unknown rule id");
			FUZZ_CHECK(dl.v[k].message != NULL, "finding without a message");
		}
		fc_charset_info_release(&ci);
		ft_diag_list_release(&dl);
	}
	return 0;
}
