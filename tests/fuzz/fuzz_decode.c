/*
 * fuzz_decode.c - decode_page() on arbitrary bytes, GB18030 fallback.
 *
 * Whatever goes in, what comes out must be text an XML writer can take:
 * well-formed UTF-8, only XML 1.0 characters, LF line ends, no BOM.
 */
#include <string.h>

#include "decode.h"
#include "diag.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct decoded out = { NULL, 0, NULL };
	int r;

	ft_diag_list_init(&dl);
	r = decode_page("fuzz.txt", data, size, "GB18030", &dl, &out);
	if (r == 0) {
		FUZZ_CHECK(out.text != NULL, "decoded text is NULL");
		FUZZ_CHECK(out.text[out.len] == '\0', "decoded text not NUL-terminated");
		FUZZ_CHECK(strlen(out.text) == out.len, "decoded text holds a NUL");
		FUZZ_CHECK(fuzz_xml_text_ok(out.text, out.len),
			   "decoded text is not XML-clean UTF-8");
		FUZZ_CHECK(!memchr(out.text, '\r', out.len), "CR left in decoded text");
		FUZZ_CHECK(!strstr(out.text, "\xef\xbb\xbf"), "BOM left in decoded text");
		FUZZ_CHECK(out.encoding != NULL, "no encoding named");
		FUZZ_CHECK(out.len <= size * 4, "decoded text past its growth bound");
		FUZZ_CHECK(dl.count[DIAG_ERROR] == 0, "success with an error diagnostic");
	} else {
		FUZZ_CHECK(r == -1, "decode_page returned neither 0 nor -1");
		FUZZ_CHECK(out.text == NULL, "out touched on failure");
		FUZZ_CHECK(dl.count[DIAG_ERROR] > 0, "failure without an error diagnostic");
	}
	free(out.text);
	ft_diag_list_release(&dl);
	return 0;
}
