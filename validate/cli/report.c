/*
 * report.c - what every reporter shares (the filter, the verdict of a
 * source), and the small ones: JSON (through jansson) and GitHub workflow
 * commands.  Names and messages are made safe to print by lib/diag.c's
 * escaper (ft_put_escaped), which feedgen prints through too.  See
 * report.h.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

void report_filter(struct diag_list *l, int (*keep)(const struct diag *, void *),
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

/* ---- verdicts ---- */

enum verdict source_verdict(const struct source *s, int strict)
{
	if (s->skipped)
		return VERDICT_SKIPPED;
	if (s->read_failed)
		return VERDICT_UNREAD;
	if (s->res.diags.count[DIAG_ERROR])
		return VERDICT_INVALID;
	if (strict && s->res.diags.count[DIAG_WARNING])
		return VERDICT_STRICT_FAIL;
	return VERDICT_VALID;
}

const char *format_title(const struct fc_result *r, char *buf, size_t n)
{
	static const char *const t[] = {
		[FC_FORMAT_RSS090] = "RSS 0.90", [FC_FORMAT_RSS091] = "RSS 0.91",
		[FC_FORMAT_RSS092] = "RSS 0.92", [FC_FORMAT_RSS10] = "RSS 1.0",
		[FC_FORMAT_RSS20] = "RSS 2.0", [FC_FORMAT_ATOM03] = "Atom 0.3",
		[FC_FORMAT_ATOM10] = "Atom 1.0",
	};

	if (r->format == FC_FORMAT_JSONFEED) {
		snprintf(buf, n, "JSON Feed%s%s", r->version ? " " : "",
			 r->version ? r->version : "");
		return buf;
	}
	if ((size_t)r->format < sizeof(t) / sizeof(t[0]) && t[r->format]) {
		snprintf(buf, n, "%s", t[r->format]);
		return buf;
	}
	return NULL;
}

void counts_text(struct buf *b, size_t e, size_t w, size_t i,
		 const char *sep, int zeros)
{
	static const char *const one[] = { "error", "warning", "info" };
	static const char *const many[] = { "errors", "warnings", "infos" };
	size_t c[3], k;
	int first = 1;

	c[0] = e;
	c[1] = w;
	c[2] = i;
	for (k = 0; k < 3; k++) {
		if (!c[k] && !zeros)
			continue;
		ft_buf_addf(b, "%s%zu %s", first ? "" : sep, c[k],
			    c[k] == 1 ? one[k] : many[k]);
		first = 0;
	}
}

void verdict_text(const struct source *s, int strict, struct buf *b)
{
	const size_t *c = s->res.diags.count;
	char tb[64];
	const char *title = format_title(&s->res, tb, sizeof(tb));

	switch (source_verdict(s, strict)) {
	case VERDICT_UNREAD:
		ft_buf_adds(b, s->fetch ? "not checked: could not be fetched"
					: "not checked: could not be read");
		return;
	case VERDICT_SKIPPED:
		ft_buf_adds(b, "skipped: not read");
		return;
	case VERDICT_COUNT:
		break;
	case VERDICT_VALID:
		ft_buf_adds(b, "valid");
		break;
	case VERDICT_STRICT_FAIL:
		ft_buf_adds(b, "invalid under --strict:");
		break;
	case VERDICT_INVALID:
		ft_buf_adds(b, "invalid");
		break;
	}
	if (title)
		ft_buf_addf(b, " %s", title);
	if (c[0] || c[1] || c[2]) {
		ft_buf_adds(b, ", ");
		counts_text(b, c[DIAG_ERROR], c[DIAG_WARNING], c[DIAG_INFO], ", ", 0);
	}
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
	/* only https has a certificate to check */
	json_object_set_new(o, "certificate_checked", f->tls ?
			    json_boolean(!f->insecure) : json_null());
	return o;
}

json_t *report_json(const struct source *s,
		    const struct report_opts *o)
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

json_t *rules_json(void)
{
	json_t *arr = json_array();
	const struct fc_rule *r;
	size_t i;

	if (!arr)
		return NULL;
	for (i = 0; (r = fc_rule_at(i)); i++) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?}", "id", r->id,
				      "severity", ft_diag_severity_name(r->severity),
				      "summary", r->summary, "explain", r->explain,
				      "source", r->source, "checked", r->checked);
		if (!o || json_array_append_new(arr, o) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* ---- GitHub workflow commands ---- */

/*
 * Escape data (and, with prop, a property value) of a workflow command,
 * as @actions/core does (its command.js: escapeData, escapeProperty).
 */
static void gh_escape(FILE *fp, const char *s, int prop)
{
	struct buf b = BUF_INIT((size_t)1 << 24);
	const char *p;

	/* UTF-8 the runner can read, control characters as they are */
	if (!ft_utf8_valid(s, strlen(s), NULL)) {
		size_t n = strlen(s), i = 0;
		while (i < n) {
			uint32_t cp;
			size_t k = ft_utf8_decode((const unsigned char *)s + i, n - i, &cp);
			if (k)
				ft_buf_add(&b, s + i, k);
			else
				ft_buf_adds(&b, "\xEF\xBF\xBD");
			i += k ? k : 1;
		}
		s = b.data ? b.data : "";
	}
	for (p = s; *p; p++) {
		if (*p == '%')
			fputs("%25", fp);
		else if (*p == '\r')
			fputs("%0D", fp);
		else if (*p == '\n')
			fputs("%0A", fp);
		else if (prop && *p == ':')
			fputs("%3A", fp);
		else if (prop && *p == ',')
			fputs("%2C", fp);
		else
			fputc(*p, fp);
	}
	ft_buf_release(&b);
}

void report_github(FILE *fp, const struct source *s,
		   const struct report_opts *o)
{
	size_t i;

	for (i = 0; i < s->res.diags.n; i++) {
		const struct diag *d = &s->res.diags.v[i];
		if (d->severity < o->min)
			continue;
		/* the properties in @actions/core's order: title, file, line, col */
		fprintf(fp, "::%s title=", d->severity == DIAG_ERROR ? "error" :
			d->severity == DIAG_WARNING ? "warning" : "notice");
		gh_escape(fp, d->rule, 1);
		fputs(",file=", fp);
		gh_escape(fp, s->name, 1);
		if (d->line > 0)
			fprintf(fp, ",line=%ld", d->line);
		if (d->line > 0 && d->column > 0)
			fprintf(fp, ",col=%ld", d->column);
		fputs("::", fp);
		gh_escape(fp, d->message, 0);
		if (d->path && d->path[0]) {
			fputs(" (at ", fp);
			gh_escape(fp, d->path, 0);
			fputc(')', fp);
		}
		fputc('\n', fp);
	}
}
