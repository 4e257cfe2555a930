/*
 * fuzz_jsonfeed.c - the JSON Feed checker (jansson underneath) on JSON-ish
 * input.  Input that does not start like JSON is made to: fc_check() only
 * hands documents starting with '{' or '[' to fc_check_json().  A JSON
 * Feed finding carries a JSON Pointer (RFC 6901) or a line.
 */
#include "fuzz_check.h"
#include "fcint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct fc_transport t = { "application/feed+json",
					       NULL, "https://example.org/" };
	struct fc_result r;
	uint8_t *b;
	size_t n = size, i;
	int rc;

	b = malloc(size + 1);
	if (!b)
		abort();
	if (!fc_looks_json(data, size)) {
		b[0] = '{';
		n = size + 1;
		if (size)
			memcpy(b + 1, data, size);
	} else if (size) {
		memcpy(b, data, size);
	}
	fc_result_init(&r);
	rc = fc_check(b, n, "fuzz.json", &t, NULL, &r);
	FUZZ_CHECK(rc == 0 || rc == -1, "fc_check returned neither 0 nor -1");
	fuzz_result_ok(&r, n);
	FUZZ_CHECK(r.format == FC_FORMAT_JSONFEED || r.format == FC_FORMAT_UNKNOWN,
		   "JSON input taken for XML");
	for (i = 0; i < r.diags.n; i++) {
		const char *p = r.diags.v[i].path;

		FUZZ_CHECK(!p || p[0] == '\0' || p[0] == '/',
			   "JSON Pointer not starting with '/'");
	}
	fc_result_release(&r);
	free(b);
	return 0;
}
