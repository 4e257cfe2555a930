/*
 * selfcheck.h - feedgen checks what it is about to publish.
 */
#ifndef FEEDGEN_SELFCHECK_H
#define FEEDGEN_SELFCHECK_H

#include <stdio.h>

/*
 * Check the feed written to fp (any position; it is rewound) which will
 * become DIR/REL.  Errors are printed to err in the usual form, naming
 * DIR/REL.  Returns 0 when there is no error, -1 otherwise.
 */
int selfcheck_file(FILE *fp, const char *dir, const char *rel, FILE *err);

#endif
