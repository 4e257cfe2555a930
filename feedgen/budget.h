/*
 * budget.h - --max-bytes: how many of a feed's entries fit its budget.
 */
#ifndef FEEDGEN_BUDGET_H
#define FEEDGEN_BUDGET_H

#include "writer.h"

/*
 * Of the entries measured in ms (newest first), how many every format's
 * document may hold and stay within max bytes: all of them when none is
 * over (*over 0), else fewer (*over 1); 0 when the first alone does not
 * fit.
 */
long long budget_entries(const struct feed_measure *ms, long long max,
			 int *over);

#endif
