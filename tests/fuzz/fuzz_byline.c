/*
 * fuzz_byline.c - byline_parse(), byline_lead() and byline_dateline() on
 * an arbitrary line.
 *
 * Both take (line, n): the line is handed over exactly as long as the
 * input, without a NUL after it, so any read past n is caught.
 */
#include "article.h"
#include "byline.h"
#include "fuzz.h"

static void check_names(const struct strlist *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]), c;

		FUZZ_CHECK(fuzz_xml_text_ok(l->v[i], n), "name is not XML-clean UTF-8");
		c = fuzz_chars(l->v[i], n);
		FUZZ_CHECK(c >= 2 && c <= 12, "name has fewer than 2 or more than 12 characters");
		for (j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(l->v[i], l->v[j]) != 0, "name listed twice");
	}
}

static void check_agencies(const struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		FUZZ_CHECK(*l->v[i] && fuzz_xml_text_ok(l->v[i], strlen(l->v[i])),
			   "agency is empty or not XML-clean UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	struct strlist names = { NULL, 0, 0 }, agencies = { NULL, 0, 0 };
	enum byline_kind k;
	size_t off;
	uint32_t cp;

	k = byline_parse(line, size, &names, &agencies);
	FUZZ_CHECK(k == BYLINE_NONE || k == BYLINE_AUTHORS || k == BYLINE_CREDIT ||
		   k == BYLINE_EMPTY, "byline_parse returned an unknown kind");
	if (k == BYLINE_NONE || k == BYLINE_EMPTY)
		FUZZ_CHECK(names.n == 0 && agencies.n == 0,
			   "names added for a line that is no byline");
	else if (k == BYLINE_AUTHORS)
		FUZZ_CHECK(names.n > 0, "a byline without names");
	else
		FUZZ_CHECK(names.n > 0 || agencies.n > 0, "a credit that credits no one");
	check_names(&names);
	check_agencies(&agencies);
	strlist_release(&names);
	strlist_release(&agencies);

	if (byline_dateline(line, size, &names, &agencies) > 0)
		FUZZ_CHECK(agencies.n == 1, "a dateline names one agency");
	else
		FUZZ_CHECK(names.n == 0 && agencies.n == 0,
			   "names added for a line without a dateline");
	check_names(&names);
	check_agencies(&agencies);
	strlist_release(&names);
	strlist_release(&agencies);

	off = byline_lead(line, size, &names);
	FUZZ_CHECK(off <= size, "byline_lead offset past the line");
	if (off == 0)
		FUZZ_CHECK(names.n == 0, "names added for a line without a lead");
	if (off > 0 && off < size && ft_utf8_valid(line, size, NULL))
		FUZZ_CHECK(ft_utf8_decode((const unsigned char *)line + off,
				       size - off, &cp) != 0,
			   "byline_lead offset inside a character");
	check_names(&names);
	strlist_release(&names);
	return 0;
}
