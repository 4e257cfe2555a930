/*
 * fcint.h - every internal header of the rules library at once, for the
 * unit tests and fuzzers that reach inside it.  The library's own files
 * include only the headers they need; its interface is feedcheck.h.
 */
#ifndef FEED_FCINT_H
#define FEED_FCINT_H

#include "doc.h"
#include "idset.h"
#include "names.h"
#include "registry.h"
#include "value.h"
#include "vocab.h"

#endif
