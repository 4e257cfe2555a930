/*
 * selfcheck.h - feedgen checks what it is about to publish.
 */
#ifndef FEEDGEN_SELFCHECK_H
#define FEEDGEN_SELFCHECK_H

#include <stdio.h>

/*
 * Check the feed written to fp (any position; it is rewound) which will
 * become DIR/REL.  Errors and warnings (not with quiet) are printed to err
 * in the usual form, naming DIR/REL.  Markup that readers strip as a
 * security risk (feedcheck's security-risk and security-risk-attr, which
 * feedcheck calls warnings) is an error here.  Returns 0 when there is no
 * error (warnings never stop a feed), -1 otherwise.
 */
int selfcheck_file(FILE *fp, const char *dir, const char *rel, int quiet,
		   FILE *err);

#endif
