/*
 * diag.h - one diagnostic format for every tool:
 *   file:line:col: severity: message [rule-id]
 *
 * Library code never prints: it appends to a struct diag_list, and main()
 * decides what to print.  A list has a ceiling (max); past it further
 * diagnostics are counted but not stored, so hostile input cannot make it
 * grow without bound.
 */
#ifndef FEED_DIAG_H
#define FEED_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_INFO = 0, DIAG_WARNING = 1, DIAG_ERROR = 2 };

struct diag {
	enum diag_severity severity;
	const char *rule;   /* stable rule id; static storage, not owned */
	char *message;      /* owned */
	char *file;         /* owned; source name as the user gave it */
	long line;          /* 1-based; 0 when unknown */
	long column;        /* 1-based, in characters; 0 when unknown */
	long long offset;   /* byte offset, -1 when unknown */
	char *path;         /* owned or NULL: JSON Pointer for JSON sources */
	char *element;      /* owned or NULL: the element concerned */
};

struct diag_list {
	struct diag *v;
	size_t n, alloc;
	size_t max;         /* ceiling on stored diagnostics */
	size_t dropped;     /* diagnostics past the ceiling */
	size_t count[3];    /* per severity, stored or not */
};

#define DIAG_LIST_DEFAULT_MAX 10000

void ft_diag_list_init(struct diag_list *l);
/* How many findings of severity sev l holds (count[] also counts those
 * memory or the ceiling did not let it keep). */
size_t ft_diag_stored(const struct diag_list *l, enum diag_severity sev);
void ft_diag_list_release(struct diag_list *l);

/*
 * Append a diagnostic.  file may be NULL.  line/column 0 when unknown,
 * offset -1 when unknown.  Returns a pointer to the stored diagnostic (so
 * callers may set path/element), or NULL when it was over the ceiling or
 * memory ran out (it is still counted).
 */
struct diag *ft_diag_add(struct diag_list *l, enum diag_severity sev,
		      const char *rule, const char *file, long line,
		      long column, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
struct diag *ft_diag_vadd(struct diag_list *l, enum diag_severity sev,
		       const char *rule, const char *file, long line,
		       long column, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

/* Move every diagnostic of src to the end of dst (those over dst's
 * ceiling are counted as dropped, as are src's own); src is left empty,
 * its ceiling as it was. */
void ft_diag_list_move(struct diag_list *dst, struct diag_list *src);

const char *ft_diag_severity_name(enum diag_severity sev);

/*
 * The one message writer: "WHERE:LINE:COL: SEVERITY: MESSAGE [RULE]\n" to
 * fp, the message made by printf from fmt, WHERE a file or a program's
 * name ("-" when NULL), ":LINE:COL" only when line > 0 (":LINE" when col
 * is not), every part but the rule escaped (ft_put_escaped), so that no
 * name or message can drive a terminal or split the line.  For main() and
 * a program's own files: library code never prints.
 */
void ft_message(FILE *fp, const char *where, long line, long col,
		enum diag_severity sev, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void ft_vmessage(FILE *fp, const char *where, long line, long col,
		 enum diag_severity sev, const char *rule, const char *fmt,
		 va_list ap)
	__attribute__((format(printf, 7, 0)));

/*
 * A stored diagnostic in the same form.  Where line is unknown, the JSON
 * Pointer of a JSON source ("file:/items/0: ...") or the byte offset
 * ("file: byte N: ...") says where, when known.
 */
void ft_diag_print(FILE *fp, const struct diag *d);

/* Print every diagnostic of l with severity >= min. */
/* The line ft_diag_print() writes, without its newline, into buf as
 * snprintf() does: the length it needed, or -1. */
int ft_diag_format(const struct diag *d, char *buf, size_t size);
void ft_diag_list_print(FILE *fp, const struct diag_list *l,
		     enum diag_severity min);

/*
 * s as it may be shown on a terminal or in a log, one line that cannot
 * drive the terminal: every byte that is not well-formed UTF-8 and every
 * control character written as an escape (\n, \t, \x1b, \xff, and
 * \u0085 for C1 controls and the bidirectional controls U+202A-U+202E,
 * U+2066-U+2069).  Every name and message both tools print goes
 * through it.  Appended to b (struct buf, buf.h; what passes b's ceiling
 * is left out).
 */
struct buf;
void ft_buf_add_escaped(struct buf *b, const char *s);
/* The same, written to fp. */
void ft_put_escaped(FILE *fp, const char *s);
/* printf's line, escaped as a whole (but its final newline), to fp. */
void ft_printf_escaped(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
