/*
 * fuzz_check.h - invariants of a struct fc_result, shared by the validator
 * targets (fuzz_check, fuzz_jsonfeed).
 */
#ifndef FEED_FUZZ_CHECK_H
#define FEED_FUZZ_CHECK_H

#include "feedcheck.h"
#include "fuzz.h"

/* 1 when id names a rule of the table (any family). */
static inline int fuzz_rule_known(const char *id)
{
	return fc_rule_find(id) != NULL;
}

/*
 * Every diagnostic has a known rule, a message and a sane position; the
 * per-severity counts add up; the format has a name.
 */
static inline void fuzz_result_ok(const struct fc_result *r, size_t len)
{
	const struct diag_list *l = &r->diags;
	size_t i, stored[3] = { 0, 0, 0 };

	FUZZ_CHECK(fc_format_name(r->format) != NULL, "format without a name");
	FUZZ_CHECK(l->n <= l->alloc || l->alloc == 0, "list longer than its allocation");
	for (i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		FUZZ_CHECK(d->rule && d->rule[0], "diagnostic without a rule id");
		if (!fuzz_rule_known(d->rule)) {
			fprintf(stderr, "unknown rule '%s'\n", d->rule);
			FUZZ_CHECK(0, "diagnostic with an unknown rule id");
		}
		FUZZ_CHECK(d->message != NULL, "diagnostic without a message");
		FUZZ_CHECK(d->severity >= DIAG_INFO && d->severity <= DIAG_ERROR,
			   "severity out of range");
		FUZZ_CHECK(d->line >= 0 && d->column >= 0, "negative position");
		FUZZ_CHECK(d->offset >= -1 && (d->offset < 0 ||
			   (unsigned long long)d->offset <= len),
			   "offset past the end of the input");
		stored[d->severity]++;
	}
	for (i = 0; i < 3; i++)
		FUZZ_CHECK(stored[i] <= l->count[i], "severity count too small");
}

#endif
