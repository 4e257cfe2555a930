/*
 * report_sarif.c - SARIF 2.1.0 (OASIS, sarif-v2.1.0-os) through jansson:
 * one run for the invocation, the rules its results use (id, name, short
 * and full description, help text and help URI, default level), one
 * result per finding with its place (columns in Unicode code points, as
 * every feedcheck column), and the invocation's exit status.  GitHub code
 * scanning and the Microsoft SARIF multitool read it.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

/* the specification a rule comes from, by the prefix of its id */
static const char *help_uri(const char *id)
{
	static const struct {
		const char *prefix, *uri;
	} t[] = {
		{ "atom", "https://www.rfc-editor.org/rfc/rfc4287" },
		{ "rss-", "https://www.rssboard.org/rss-specification" },
		{ "json-", "https://www.jsonfeed.org/version/1.1/" },
		{ "charset-", "https://www.rfc-editor.org/rfc/rfc7303#section-3.2" },
		{ "http-", "https://www.rfc-editor.org/rfc/rfc9110" },
		{ "fetch-", "https://www.rfc-editor.org/rfc/rfc9110" },
		{ "tls-", "https://www.rfc-editor.org/rfc/rfc9110#section-4.3.4" },
		{ "xml-", "https://www.w3.org/TR/xml/" },
		{ "itunes-", "https://podcasters.apple.com/support/823-podcast-requirements" },
		{ "media-", "https://www.rssboard.org/media-rss" },
		{ "io-", NULL }, { "usage", NULL }, { "validator-", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strncmp(id, t[i].prefix, strlen(t[i].prefix)))
			return t[i].uri;
	/* the rules that follow the W3C Feed Validation Service's */
	return "https://validator.w3.org/feed/docs/";
}

static const char *level(enum diag_severity s)
{
	return s == DIAG_ERROR ? "error" : s == DIAG_WARNING ? "warning" : "note";
}

/* "missing-element" -> "MissingElement" (SARIF §3.49.7: a readable name) */
static json_t *rule_name(const char *id)
{
	char n[128];
	size_t k = 0;
	int up = 1;

	for (; *id && k + 1 < sizeof(n); id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		n[k++] = up && IS_ALPHA(*id) ? (char)(*id & ~32) : *id;
		up = 0;
	}
	n[k] = '\0';
	return json_string(n);
}

/* SARIF wants sentences: a message ends with a full stop (SARIF2001);
 * valid UTF-8 on one line, as every message feedcheck prints */
static json_t *text(const char *s)
{
	struct buf b = BUF_INIT((size_t)1 << 24);
	json_t *o;

	ft_buf_add_escaped(&b, s);
	if (b.len && !strchr(".!?", b.data[b.len - 1]))
		ft_buf_addc(&b, '.');
	o = json_pack("{s:s}", "text", b.data ? b.data : "");
	ft_buf_release(&b);
	return o;
}

/* a file name or URL as a URI reference (RFC 3986): paths percent-encoded */
static json_t *uri_of(const char *name)
{
	struct buf b = BUF_INIT((size_t)1 << 20);
	const unsigned char *p = (const unsigned char *)name;
	json_t *j;

	int url = strstr(name, "://") != NULL;

	if (*p == '/')
		ft_buf_adds(&b, "file://");
	for (; *p; p++) {
		if (IS_ALNUM(*p) || strchr("-._~/", *p) ||
		    (url && *p > 0x20 && *p < 0x7F && strchr(":?#[]@!$&'()*+,;=%", *p)))
			ft_buf_addc(&b, *p);
		else
			ft_buf_addf(&b, "%%%02X", *p);
	}
	j = json_string(b.data ? b.data : "");
	ft_buf_release(&b);
	return j;
}

/* the rules the results use, in first-use order */
struct used {
	const char **id;
	size_t n, alloc;
};

static long used_index(struct used *u, const char *id)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		if (!strcmp(u->id[i], id))
			return (long)i;
	if (u->n == u->alloc) {
		const char **nv = ft_grow(u->id, &u->alloc, u->n + 1, sizeof(*nv));
		if (!nv)
			return -1;
		u->id = nv;
	}
	u->id[u->n] = id;
	return (long)u->n++;
}

static json_t *rule_json(const char *id)
{
	const struct fc_rule *r = fc_rule_find(id);
	const char *uri = help_uri(id);
	json_t *o, *help;
	char *h;

	if (!r)
		return json_pack("{s:s}", "id", id);
	h = ft_asprintf("%s\n\nfeedcheck --explain %s", r->explain, id);
	help = json_pack("{s:s?}", "text", h);
	free(h);
	o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:{s:s}}", "id", r->id,
		      "name", rule_name(r->id), "shortDescription", text(r->summary),
		      "fullDescription", text(r->explain), "help", help,
		      "defaultConfiguration", "level", level(r->severity));
	if (o && uri)
		json_object_set_new(o, "helpUri", json_string(uri));
	return o;
}

static json_t *result_json(const struct source *s, const struct diag *d,
			   long index)
{
	json_t *loc, *phys, *res;

	phys = json_pack("{s:{s:o}}", "artifactLocation", "uri", uri_of(s->name));
	if (phys && d->line > 0) {
		json_t *region = json_pack("{s:I}", "startLine", (json_int_t)d->line);
		if (region && d->column > 0)
			json_object_set_new(region, "startColumn",
					    json_integer(d->column));
		json_object_set_new(phys, "region", region);
	}
	loc = json_pack("{s:o}", "physicalLocation", phys);
	res = json_pack("{s:s, s:I, s:s, s:o, s:[o]}", "ruleId", d->rule,
			"ruleIndex", (json_int_t)index, "level", level(d->severity),
			"message", text(d->message), "locations", loc);
	if (res && d->path && d->path[0])
		/* JSON Feed: where in the document's tree (RFC 6901) */
		json_object_set_new(res, "properties",
				    json_pack("{s:s}", "jsonPointer", d->path));
	return res;
}

int report_sarif(FILE *fp, const struct source *v, size_t n,
		 const struct report_opts *o, int exit_status)
{
	struct used u = { NULL, 0, 0 };
	json_t *results = json_array(), *rules = json_array(), *doc = NULL;
	size_t i, k;
	int rc = -1;

	if (!results || !rules)
		goto abort;
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].res.diags.n; k++) {
			const struct diag *d = &v[i].res.diags.v[k];
			long idx;
			if (d->severity < o->min)
				continue;
			if ((idx = used_index(&u, d->rule)) < 0 ||
			    json_array_append_new(results, result_json(&v[i], d, idx)) < 0)
				goto abort;
		}
	for (i = 0; i < u.n; i++)
		if (json_array_append_new(rules, rule_json(u.id[i])) < 0)
			goto abort;
	doc = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:[{s:b, s:i}], "
			"s:s, s:o}]}",
			"$schema", SARIF_SCHEMA, "version", "2.1.0", "runs",
			"tool", "driver", "name", "feedcheck", "version", FEED_VERSION,
			"semanticVersion", FEED_VERSION, "rules", rules,
			"invocations", "executionSuccessful", exit_status != 2,
			"exitCode", exit_status,
			"columnKind", "unicodeCodePoints", "results", results);
	rules = results = NULL;
	if (!doc)
		goto abort;
	if (json_dumpf(doc, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0) {
		fputc('\n', fp);
		rc = 0;
	}
abort:
	free(u.id);
	json_decref(results);
	json_decref(rules);
	json_decref(doc);
	return rc;
}
