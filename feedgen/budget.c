/*
 * budget.c - --max-bytes: every feed file within a byte budget.  A file
 * written over it is written again with its oldest entries left out, as
 * many as it takes (where each entry ended is measured as it is written,
 * writer.h); an entry that alone does not fit is an error, and the file
 * is not published.
 */
#include <stdio.h>

#include "budget.h"

long long budget_entries(const struct feed_measure *ms, long long max,
			 int *over)
{
	long long keep = (long long)ms->n;
	int f;

	*over = 0;
	for (f = 0; f < 3; f++) {
		long long tail, k;
		if (ms->total[f] < 0 || ms->total[f] <= max)
			continue;
		*over = 1;
		/* what follows the last entry: the document's end */
		tail = ms->n ? ms->total[f] - ms->end[f][ms->n - 1] : 0;
		for (k = keep; k > 0 && ms->end[f][k - 1] + tail > max; k--)
			;
		keep = k;
	}
	return keep;
}
