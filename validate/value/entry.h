/*
 * entry.h - the entries of a feed as readers tell them apart (entry.c),
 * recorded into fc_result.entries (feedcheck.h) while the document is
 * checked, when the caller asked for them (entries.want): what
 * identifies each entry, its dates and a digest of its content.  The XML
 * vocabularies' reader (vocab/entries.c) and JSON Feed's (jsonfeed.c)
 * both fill it through these.  Internal to validate/.
 */
#ifndef FEED_ENTRY_H
#define FEED_ENTRY_H

#include <stddef.h>

#include <jansson.h>

#include "doc.h"

/* 1 when the entries are wanted (and memory has not run out) */
int fc_entries_wanted(const struct fc *fc);

/* A new entry whose start is at line, col: its number, or -1 when the
 * entries are not wanted, past FC_MAX_ENTRIES (counted) or memory ran
 * out (fc->oom). */
long fc_entry_open(struct fc *fc, long line, long col);
struct fc_entry *fc_entry_at(struct fc *fc, long k);

enum fc_entry_field { FC_ENTRY_ID, FC_ENTRY_LINK, FC_ENTRY_TITLE };
enum fc_entry_date { FC_ENTRY_PUBLISHED, FC_ENTRY_UPDATED };

/* The field's text, trimmed; the first one given stays. */
void fc_entry_text(struct fc *fc, long k, enum fc_entry_field which,
		   const char *text);
/* A date as written (RFC 3339, RFC 822 or W3C-DTF, whichever reads it),
 * at line, col; the first one given stays.  One that no form reads is
 * kept as written without a time (the date checks report it). */
void fc_entry_date(struct fc *fc, long k, enum fc_entry_date which,
		   const char *text, long line, long col);
/* n bytes of the content (or a summary) folded into its digest; tag
 * names the piece (an element, a member) so that moving text from one
 * to another changes it too. */
void fc_entry_content(struct fc *fc, long k, const char *tag,
		      const char *text, size_t n);

/* A JSON Feed item (an object) at line, col, path "/items/N". */
void fc_entry_json(struct fc *fc, const json_t *item, long line, long col,
		   const char *path);

#endif
