/*
 * fuzz_types.c - the value checkers of validate/types.c on any string:
 * dates (RFC 822 as updated by RFC 1123, RFC 3339, W3C-DTF), URIs and IRIs
 * (RFC 3986, RFC 3987), tag: (RFC 4151), urn: (RFC 2141), UUIDs, e-mail
 * (RFC 2822), language tags, MIME types, integers, NPT and durations.
 *
 * Cross-checks: an RFC 3339 date is a W3C-DTF date of the same instant
 * and agrees with lib/date.c; its RFC 822 form from lib/date.c is valid
 * RFC 822 of the same instant; an absolute URI is also a valid reference
 * and a valid URI is a valid IRI.
 */
#include "date.h"
#include "fcint.h"
#include "fuzz.h"

static void dates(const char *s)
{
	long long t = 0, t2 = 0, local;
	int problem = 0, off, has_off, rc;

	rc = fc_rfc822_check(s, &t, &problem);
	FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2, "RFC 822: result out of range");
	(void)fc_w3cdtf_check(s, NULL);
	if (fc_rfc3339_check(s, &t) != 0)
		return;
	FUZZ_CHECK(fc_w3cdtf_check(s, &t2) == 0, "RFC 3339 date is not W3C-DTF");
	FUZZ_CHECK(t == t2, "RFC 3339 and W3C-DTF disagree on the instant");
	if (ft_date_parse_rfc3339(s, &local, &off, &has_off) == 0) {
		struct fdate d;
		char r822[40];
		int p2 = 0;

		FUZZ_CHECK(has_off, "lib/date.c lost the offset");
		/* a leap second is kept by the checker, folded by lib/date.c */
		if (strstr(s, ":60") == NULL)
			FUZZ_CHECK(local - off == t,
				   "lib/date.c and the checker disagree on the instant");
		d.t = local - off;
		d.off = off;
		ft_date_format_rfc822(&d, r822);
		if (d.t >= -62135596800LL && d.t < 253402300800LL - 86400) {
			rc = fc_rfc822_check(r822, &t2, &p2);
			if (rc != 0)
				fprintf(stderr, "'%s' -> '%s'\n", s, r822);
			FUZZ_CHECK(rc == 0, "RFC 822 form of a valid date rejected");
			FUZZ_CHECK(t2 == d.t, "RFC 822 form of another instant");
		}
	}
}

static void uris(const char *s)
{
	char badc;
	int abs_uri, abs_iri, rel_uri, rel_iri;

	abs_uri = fc_uri_check(s, 1, 0, &badc);
	abs_iri = fc_uri_check(s, 1, 1, &badc);
	rel_uri = fc_uri_check(s, 0, 0, NULL);
	rel_iri = fc_uri_check(s, 0, 1, NULL);
	FUZZ_CHECK(abs_uri != URI_OK || rel_uri == URI_OK,
		   "absolute URI is not a valid reference");
	FUZZ_CHECK(abs_uri != URI_OK || abs_iri == URI_OK, "URI that is not an IRI");
	FUZZ_CHECK(rel_uri != URI_OK || rel_iri == URI_OK,
		   "URI reference that is not an IRI reference");
	FUZZ_CHECK(rel_uri != URI_RELATIVE && rel_iri != URI_RELATIVE,
		   "relative where a relative reference is allowed");
	if (fc_tag_check(s) == 0)
		FUZZ_CHECK(strncmp(s, "tag:", 4) == 0, "tag: URI without tag:");
	if (fc_urn_check(s) == 0)
		FUZZ_CHECK(strlen(s) > 4, "urn: without a namespace");
	(void)fc_uuid_check(s);
	if (strlen(s) >= 9)
		(void)fc_uuid_check(s + 9);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	long long v;
	int rc;

	dates(s);
	uris(s);
	if (fc_email_check(s) == 0)
		FUZZ_CHECK(strchr(s, '@') != NULL, "e-mail address without '@'");
	rc = fc_rss_email_check(s);
	FUZZ_CHECK(rc >= -1 && rc <= 1, "RSS e-mail: result out of range");
	(void)fc_lang_check(s);
	(void)fc_mime_check(s);
	if (fc_int_check(s, -5, 1000, &v) == 0)
		FUZZ_CHECK(v >= -5 && v <= 1000, "integer out of its range");
	(void)fc_int_check(s, 0, 0x7fffffffffffffffLL, &v);
	(void)fc_npt_check(s);
	(void)fc_itunes_duration_check(s);
	(void)fc_is_blank(s);
	(void)fc_looks_like_html(s);
	free(s);
	return 0;
}
