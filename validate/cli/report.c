/*
 * report.c - the reporters.  See report.h.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "ascii.h"
#include "utf8.h"

void fc_filter(struct diag_list *l, int (*keep)(const struct diag *, void *),
	       void *arg)
{
	size_t i, j = 0;

	for (i = 0; i < l->n; i++) {
		if (keep(&l->v[i], arg)) {
			l->v[j++] = l->v[i];
		} else {
			l->count[l->v[i].severity]--;
			free(l->v[i].message);
			free(l->v[i].file);
			free(l->v[i].path);
			free(l->v[i].element);
		}
	}
	l->n = j;
}

/* ---- text ---- */

static const char *sev_color(enum diag_severity s)
{
	return s == DIAG_ERROR ? "\033[1;31m" : s == DIAG_WARNING ?
	       "\033[1;33m" : "\033[1;36m";
}

/*
 * Where the last line was found: findings come sorted by line, so looking
 * for the next one goes on from there rather than from the start.
 */
struct line_cursor {
	const char *base;
	const char *p;             /* start of line `line` */
	long line;
};

/*
 * Print line `line` of the source and a caret under column `col`.  The
 * line comes from the decoded text when the document was decoded before
 * parsing (then offsets are those of the original bytes: not used unless
 * the text is the bytes), else from the bytes.  A long line is shown as a
 * window of SHOW_CHARS characters around the column, and only the bytes
 * of that window (and, without an offset, those before it on the line)
 * are read: a document of one line of a gigabyte is not paged in again to
 * show a finding (the file is mapped; see main.c).
 */
#define SHOW_CHARS 160
#define SHOW_LONG 100     /* a line is windowed from this column on ... */
#define SHOW_BEFORE 59    /* ... starting this many characters before it */

/* the end of the line's text at q: a newline, a CR before one, the end */
static int at_eol(const char *q, const char *end)
{
	return q >= end || *q == '\n' || (*q == '\r' && (q + 1 == end || q[1] == '\n'));
}

static size_t char_len(const char *q, const char *end)
{
	uint32_t cp;
	size_t k = ft_utf8_decode((const unsigned char *)q, (size_t)(end - q), &cp);

	return k ? k : 1;
}

static void show_line(FILE *fp, const struct fc_source *s, long line,
		      long col, long long offset, int color,
		      struct line_cursor *cur)
{
	const char *b = (const char *)s->bytes, *p, *q, *end, *at = NULL;
	size_t len = s->len, k;
	long c, skip = 0, shown = 0;

	/*
	 * A finding with an offset is about the raw bytes (the charset
	 * module's): show those, unless they are UTF-16 or UTF-32.  The others
	 * come from the parse of the decoded text.
	 */
	if (s->res.text && (offset < 0 || !b || (size_t)offset > len ||
			    (len >= 2 && (!b[0] || !b[1] || b[0] == '\xFF' ||
					  b[0] == '\xFE')))) {
		b = (const char *)s->res.text;
		len = s->res.text_len;
		offset = -1;
	}
	if (!b || line <= 0 || len == 0)
		return;
	if (len >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') ||
			 (b[0] == '\xFE' && b[1] == '\xFF')))
		return;   /* UTF-16: lines are not byte lines */
	end = b + len;
	if (offset >= 0 && (size_t)offset <= len) {
		/*
		 * Back from the finding to the start of the window: the start
		 * of the line when it is less than SHOW_LONG characters back,
		 * else SHOW_BEFORE characters back; the caret goes under the
		 * byte at the offset.
		 */
		const char *w = NULL;
		long back = 0;

		at = p = b + offset;
		while (p > b && p[-1] != '\n' && back < SHOW_LONG &&
		       (size_t)(at - p) < 4 * SHOW_LONG) {
			p--;
			if (((unsigned char)*p & 0xC0) != 0x80 &&
			    ++back == SHOW_BEFORE)
				w = p;
		}
		if (p > b && p[-1] != '\n' && w)
			p = w;
	} else {
		if (cur->base != b || cur->line > line) {
			cur->base = b;
			cur->p = b;
			cur->line = 1;
		}
		p = cur->p;
		while (cur->line < line) {
			p = memchr(p, '\n', len - (size_t)(p - b));
			if (!p)
				return;
			p++;
			cur->line++;
			cur->p = p;
		}
		/* a long line is shown as a window around the column */
		if (col > SHOW_LONG)
			skip = col - SHOW_BEFORE - 1;
	}
	fputs("    ", fp);
	for (q = p, c = 1; !at_eol(q, end) &&
	     (shown < SHOW_CHARS || (at && q < at)); c++) {
		k = char_len(q, end);
		if (c > skip) {
			if (*q == '\t' || (unsigned char)*q >= 0x20 || k > 1)
				fwrite(q, 1, k, fp);
			else
				fputc('?', fp);
			shown++;
		}
		q += k;
	}
	fputc('\n', fp);
	if (col <= 0)
		return;
	fputs("    ", fp);
	for (q = p, c = 1; !at_eol(q, end) && (at ? q < at : c < col); c++) {
		if (c > skip)
			fputc(*q == '\t' ? '\t' : ' ', fp);
		q += char_len(q, end);
	}
	fprintf(fp, "%s^%s\n", color ? "\033[1;32m" : "", color ? "\033[0m" : "");
}

void fc_report_text(FILE *fp, const struct fc_source *s,
		    const struct fc_report_opts *o)
{
	size_t i;
	struct line_cursor cur = { NULL, NULL, 0 };

	for (i = 0; i < s->res.diags.n; i++) {
		const struct diag *d = &s->res.diags.v[i];
		if (d->severity < o->min)
			continue;
		if (o->color)
			fprintf(fp, "\033[1m%s:", s->name);
		else
			fprintf(fp, "%s:", s->name);
		if (d->line > 0)
			fprintf(fp, "%ld:%ld:", d->line, d->column > 0 ? d->column : 1);
		else if (d->path)
			fprintf(fp, "%s:", d->path[0] ? d->path : "/");
		/* a JSON Feed finding has both: the place, then its pointer */
		char at[300] = "";
		if (d->line > 0 && d->path)
			snprintf(at, sizeof(at), " (at %s)", d->path[0] ? d->path : "/");
		if (o->color)
			fprintf(fp, "\033[0m %s%s:\033[0m %s%s \033[2m[%s]\033[0m\n",
				sev_color(d->severity),
				ft_diag_severity_name(d->severity), d->message,
				at, d->rule);
		else
			fprintf(fp, " %s: %s%s [%s]\n",
				ft_diag_severity_name(d->severity), d->message,
				at, d->rule);
		show_line(fp, s, d->line, d->column, d->offset, o->color, &cur);
	}
	if (s->res.diags.dropped)
		fprintf(fp, "%s: info: %zu more diagnostics not shown "
			"[validator-limit]\n", s->name, s->res.diags.dropped);
}

/* ---- JSON ---- */

/*
 * A JSON string of s, which may hold bytes of a broken input: invalid
 * UTF-8 becomes U+FFFD, so the document is always valid (RFC 8259 §8.1).
 */
static json_t *jstr(const char *s)
{
	struct buf b = BUF_INIT(1 << 20);
	size_t n = strlen(s), i = 0;
	json_t *j;

	if (ft_utf8_valid(s, n, &i))
		return json_stringn(s, n);
	i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (k) {
			ft_buf_add(&b, s + i, k);
			i += k;
		} else {
			ft_buf_adds(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	j = json_stringn(b.data ? b.data : "", b.len);
	ft_buf_release(&b);
	return j ? j : json_string("");
}

static json_t *str_or_null(const char *s)
{
	return s ? jstr(s) : json_null();
}

/* "http": what the transport said (RFC 9110), or null for a file */
static json_t *http_json(const struct fetch_result *f)
{
	json_t *o, *hops;
	size_t i;

	if (!f)
		return json_null();
	o = json_object();
	hops = json_array();
	if (!o || !hops) {
		json_decref(o);
		json_decref(hops);
		return NULL;
	}
	json_object_set_new(o, "status", f->status ? json_integer(f->status)
						   : json_null());
	json_object_set_new(o, "content_type", str_or_null(f->content_type));
	json_object_set_new(o, "final_url", str_or_null(f->final_url));
	for (i = 0; i < f->nhops; i++)
		json_array_append_new(hops, json_pack("{s:I, s:o, s:o}",
			"status", (json_int_t)f->hops[i].status,
			"url", str_or_null(f->hops[i].url),
			"location", str_or_null(f->hops[i].location)));
	json_object_set_new(o, "redirects", hops);
	json_object_set_new(o, "certificate_checked", json_boolean(!f->insecure));
	return o;
}

json_t *fc_report_json(const struct fc_source *s,
		       const struct fc_report_opts *o)
{
	json_t *obj = json_object(), *enc = json_object(), *arr = json_array();
	json_t *sum = json_object();
	size_t i;

	if (!obj || !enc || !arr || !sum)
		goto fail;
	json_object_set_new(obj, "source", jstr(s->name));
	json_object_set_new(obj, "format", s->read_failed ? json_null() :
			    json_string(fc_format_name(s->res.format)));
	json_object_set_new(enc, "bom", str_or_null(s->res.enc.bom));
	json_object_set_new(enc, "http", str_or_null(s->res.enc.http));
	json_object_set_new(enc, "declared", str_or_null(s->res.enc.declared));
	json_object_set_new(enc, "used", str_or_null(s->res.enc.used));
	json_object_set_new(obj, "encoding", enc);
	enc = NULL;
	if (json_object_set_new(obj, "http", http_json(s->fetch)) < 0)
		goto fail;
	for (i = 0; i < s->res.diags.n; i++) {
		const struct diag *d = &s->res.diags.v[i];
		json_t *j;
		if (d->severity < o->min)
			continue;
		j = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
			      "severity", ft_diag_severity_name(d->severity),
			      "rule", d->rule, "message", jstr(d->message),
			      "line", d->line > 0 ? json_integer(d->line) : json_null(),
			      "column", d->line > 0 && d->column > 0 ?
				      json_integer(d->column) : json_null(),
			      "path", str_or_null(d->path),
			      "element", str_or_null(d->element));
		if (!j || json_array_append_new(arr, j) < 0)
			goto fail;
	}
	json_object_set_new(obj, "diagnostics", arr);
	arr = NULL;
	json_object_set_new(sum, "errors",
			    json_integer((json_int_t)s->res.diags.count[DIAG_ERROR]));
	json_object_set_new(sum, "warnings",
			    json_integer((json_int_t)s->res.diags.count[DIAG_WARNING]));
	json_object_set_new(sum, "infos",
			    json_integer((json_int_t)s->res.diags.count[DIAG_INFO]));
	json_object_set_new(obj, "summary", sum);
	return obj;
fail:
	json_decref(obj);
	json_decref(enc);
	json_decref(arr);
	json_decref(sum);
	return NULL;
}

/* ---- JUnit XML ---- */

static int junit_case(xmlTextWriterPtr w, const struct fc_source *s,
		      const struct fc_report_opts *o)
{
	size_t i, nerr = s->res.diags.count[DIAG_ERROR];
	int rc = 0;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "classname",
					  BAD_CAST "feedcheck") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
					  BAD_CAST s->name) < 0;
	if (nerr) {
		rc |= xmlTextWriterStartElement(w, BAD_CAST "failure") < 0;
		rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "message",
			"%zu error%s", nerr, nerr == 1 ? "" : "s") < 0;
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type",
						  BAD_CAST "error") < 0;
	}
	{
		/* every shown diagnostic, as in the text format */
		xmlBufferPtr b = xmlBufferCreate();
		for (i = 0; b && i < s->res.diags.n; i++) {
			const struct diag *d = &s->res.diags.v[i];
			char *line;
			char *clean;
			if (d->severity < o->min)
				continue;
			line = ft_xasprintf("%s:%ld:%ld: %s: %s [%s]\n", s->name,
					 d->line, d->column,
					 ft_diag_severity_name(d->severity),
					 d->message, d->rule);
			clean = line ? ft_xml_clean_dup(line) : NULL;
			if (clean)
				xmlBufferCat(b, BAD_CAST clean);
			free(clean);
			free(line);
		}
		if (b && xmlBufferLength(b)) {
			if (!nerr)
				rc |= xmlTextWriterStartElement(w,
						BAD_CAST "system-out") < 0;
			rc |= xmlTextWriterWriteString(w, xmlBufferContent(b)) < 0;
			if (!nerr)
				rc |= xmlTextWriterEndElement(w) < 0;
		}
		if (b)
			xmlBufferFree(b);
	}
	if (nerr)
		rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	return rc ? -1 : 0;
}

int fc_report_junit(FILE *fp, const struct fc_source *v, size_t n,
		    const struct fc_report_opts *o)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w;
	size_t i, fails = 0;
	int rc = 0;

	if (!b)
		return -1;
	w = xmlNewTextWriterMemory(b, 0);
	if (!w) {
		xmlBufferFree(b);
		return -1;
	}
	for (i = 0; i < n; i++)
		fails += v[i].res.diags.count[DIAG_ERROR] != 0;
	xmlTextWriterSetIndent(w, 1);
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
					  BAD_CAST "feedcheck") < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "tests", "%zu", n) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "failures", "%zu",
						fails) < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "errors", BAD_CAST "0") < 0;
	for (i = 0; i < n && !rc; i++)
		rc |= junit_case(w, &v[i], o);
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (!rc)
		fwrite(xmlBufferContent(b), 1, (size_t)xmlBufferLength(b), fp);
	xmlBufferFree(b);
	return rc ? -1 : 0;
}

/* ---- GitHub workflow commands ---- */

/* escape data (and, with prop, a property value) of a workflow command */
static void gh_escape(FILE *fp, const char *s, int prop)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (prop && *s == ':')
			fputs("%3A", fp);
		else if (prop && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

void fc_report_github(FILE *fp, const struct fc_source *s,
		      const struct fc_report_opts *o)
{
	size_t i;

	for (i = 0; i < s->res.diags.n; i++) {
		const struct diag *d = &s->res.diags.v[i];
		if (d->severity < o->min)
			continue;
		fprintf(fp, "::%s file=", d->severity == DIAG_ERROR ? "error" :
			d->severity == DIAG_WARNING ? "warning" : "notice");
		gh_escape(fp, s->name, 1);
		if (d->line > 0)
			fprintf(fp, ",line=%ld", d->line);
		if (d->line > 0 && d->column > 0)
			fprintf(fp, ",col=%ld", d->column);
		fputs(",title=", fp);
		gh_escape(fp, d->rule, 1);
		fputs("::", fp);
		gh_escape(fp, d->message, 0);
		fputc('\n', fp);
	}
}
