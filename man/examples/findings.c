/*
 * findings.c - feedcheck(3)'s example: check each FILE with libfeedcheck
 * and print one line per finding, its fields separated by tabs,
 *
 *	FILE  SEVERITY  RULE  LINE  COLUMN  PATH  ELEMENT  MESSAGE
 *
 * an unknown field empty and tabs, newlines, carriage returns and
 * backslashes in a field escaped as \t \n \r \\ -- what
 *
 *	feedcheck --format json FILE | jq -r '.source as $s | .diagnostics[] |
 *	    [$s, .severity, .rule, .line, .column, .path, .element, .message] | @tsv'
 *
 * prints.  Exit status 0 when no file has an error, 1 when one has, 3 when
 * one cannot be read.
 *
 *	cc -o findings findings.c $(pkg-config --cflags --libs libfeedcheck)
 */
#include <stdio.h>
#include <stdlib.h>

#include <feedcheck.h>

static void field(const char *s, int last)
{
	for (; s && *s; s++)
		switch (*s) {
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default: putchar(*s);
		}
	putchar(last ? '\n' : '\t');
}

static void number(long v)
{
	if (v > 0)
		printf("%ld", v);
	putchar('\t');
}

/* the whole file into *bytes (owned by the caller); -1 when unreadable */
static int slurp(const char *name, unsigned char **bytes, size_t *len)
{
	FILE *fp = fopen(name, "rb");
	size_t alloc = 0, n = 1;
	unsigned char *p;
	int bad = 0;

	*bytes = NULL;
	*len = 0;
	if (!fp)
		return -1;
	while (n > 0 && !bad) {
		if (*len == alloc) {
			alloc = alloc ? 2 * alloc : 65536;
			if (!(p = realloc(*bytes, alloc))) {
				bad = 1;
				break;
			}
			*bytes = p;
		}
		n = fread(*bytes + *len, 1, alloc - *len, fp);
		*len += n;
	}
	bad |= ferror(fp);
	return fclose(fp) == 0 && !bad ? 0 : -1;
}

int main(int argc, char **argv)
{
	int i, status = 0;

	fc_init();              /* once, before any check */
	for (i = 1; i < argc; i++) {
		struct fc_result *r = fc_result_new();
		struct fc_finding f;
		unsigned char *bytes;
		size_t len, k;

		if (!r || slurp(argv[i], &bytes, &len) < 0) {
			fprintf(stderr, "findings: cannot read '%s'\n", argv[i]);
			fc_result_free(r);
			status = 3;
			continue;
		}
		if (fc_check(bytes, len, argv[i], NULL, NULL, r) < 0) {
			fprintf(stderr, "findings: out of memory checking '%s'\n", argv[i]);
			status = 3;
		}
		for (k = 0; fc_result_finding(r, k, &f) == 0; k++) {
			field(argv[i], 0);
			field(fc_severity_name(f.severity), 0);
			field(f.rule, 0);
			number(f.line);
			number(f.line > 0 ? f.column : 0);
			field(f.path, 0);
			field(f.element, 0);
			field(f.message, 1);
		}
		if (fc_result_total(r, FC_ERROR) && status == 0)
			status = 1;
		fc_result_free(r);
		free(bytes);
	}
	return fflush(stdout) == 0 && !ferror(stdout) ? status : 3;
}
