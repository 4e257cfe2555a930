/*
 * doc.c - the document being checked: the result and its findings
 * (fc_result_*, adding a finding with the rule table's severity), the
 * frames of the element stack, and the helpers the vocabularies read them
 * with.
 */
#include "doc.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"


void fc_result_init(struct fc_result *r)
{
	memset(r, 0, sizeof(*r));
	ft_diag_list_init(&r->diags);
}

void fc_result_release(struct fc_result *r)
{
	free(r->version);
	free(r->enc.bom);
	free(r->enc.http);
	free(r->enc.declared);
	free(r->enc.used);
	free(r->text);
	for (size_t i = 0; i < r->refs.n; i++) {
		free(r->refs.v[i].url);
		free(r->refs.v[i].base);
		free(r->refs.v[i].type);
		free(r->refs.v[i].title);
	}
	free(r->refs.v);
	for (size_t i = 0; i < r->entries.n; i++) {
		struct fc_entry *e = &r->entries.v[i];
		free(e->id);
		free(e->link);
		free(e->title);
		free(e->published);
		free(e->updated);
		free(e->path);
	}
	free(r->entries.v);
	ft_diag_list_release(&r->diags);
	memset(r, 0, sizeof(*r));
	ft_diag_list_init(&r->diags);
}

const char *fc_format_name(enum fc_format f)
{
	switch (f) {
	case FC_FORMAT_RSS090: return "rss0.90";
	case FC_FORMAT_RSS091: return "rss0.91";
	case FC_FORMAT_RSS092: return "rss0.92";
	case FC_FORMAT_RSS10: return "rss1.0";
	case FC_FORMAT_RSS20: return "rss2.0";
	case FC_FORMAT_ATOM03: return "atom0.3";
	case FC_FORMAT_ATOM10: return "atom1.0";
	case FC_FORMAT_JSONFEED: return "jsonfeed";
	default: return "unknown";
	}
}

/* ---- diagnostics ---- */

static struct diag *vreport(struct fc *fc, const char *rule, int ns,
			    long line, long col, const char *fmt, va_list ap)
	__attribute__((format(printf, 6, 0)));
static struct diag *vreport(struct fc *fc, const char *rule, int ns,
			    long line, long col, const char *fmt, va_list ap)
{
	const struct fc_rule *r = fc_rule_find(rule);
	enum diag_severity sev = r ? r->severity : DIAG_ERROR;
	unsigned profiles = fc->o ? fc->o->profiles : 0;

	/* The podcast namespace's requirements (a missing attribute, a
	 * value of the wrong form, a second podcast:medium, ...) are
	 * warnings unless --profile podcastindex asks for them, as the
	 * README promises: a platform's tags, not the feed's format. */
	if (r && ns == NS_PODCAST && sev == DIAG_ERROR &&
	    !(profiles & FC_PROFILE_PODCASTINDEX))
		sev = DIAG_WARNING;
	/* --profile: what the directory requires is an error */
	if (r && profiles && (fc_rule_profiles(r->id) & profiles))
		sev = DIAG_ERROR;

	return ft_diag_vadd(&fc->r->diags, sev, r ? r->id : "internal",
			 fc->source, line, col, fmt, ap);
}

struct diag *fc_report(struct fc *fc, const char *rule, long line, long col,
		       const char *fmt, ...)
{
	va_list ap;
	struct diag *d;

	va_start(ap, fmt);
	d = vreport(fc, rule, NS_NONE, line, col, fmt, ap);
	va_end(ap);
	return d;
}

struct diag *fc_report_at(struct fc *fc, const struct frame *f,
			  const char *rule, const char *fmt, ...)
{
	va_list ap;
	struct diag *d;

	va_start(ap, fmt);
	d = vreport(fc, rule, f->ns, f->line, f->col, fmt, ap);
	va_end(ap);
	if (d)
		d->offset = f->off;
	if (d && f->qname)
		d->element = strdup(f->qname);
	return d;
}

/* ---- small helpers for the rule files ---- */

int fc_podcast(const struct fc *fc)
{
	return fc->itunes_seen ||
	       (fc->ns_declared & (BIT(NS_ITUNES) | BIT(NS_PODCAST))) ||
	       (fc->o && (fc->o->profiles & (FC_PROFILE_APPLE |
		FC_PROFILE_SPOTIFY | FC_PROFILE_PODCASTINDEX)));
}

int fc_readers(const struct fc *fc)
{
	return fc->o && (fc->o->profiles & FC_PROFILE_READERS);
}

static char *dup_or_null(const char *s, int *oom)
{
	char *d;

	if (!s)
		return NULL;
	if (!(d = strdup(s)))
		*oom = 1;
	return d;
}

int fc_ref_add(struct fc *fc, int kind, const struct frame *f, long line,
	       long col, const char *url, const char *base, const char *type,
	       const char *title, long long length)
{
	struct fc_refs *l = &fc->r->refs;
	struct fc_ref *e;
	int oom = 0;

	if (l->n >= FC_MAX_REFS) {
		l->dropped++;
		return 0;
	}
	if (l->n == l->alloc) {
		struct fc_ref *nv = ft_grow(l->v, &l->alloc, l->n + 1, sizeof(*nv));
		if (!nv)
			return -1;
		l->v = nv;
	}
	e = &l->v[l->n];
	memset(e, 0, sizeof(*e));
	e->kind = (enum fc_ref_kind)kind;
	e->line = f ? f->line : line;
	e->col = f ? f->col : col;
	e->length = length;
	if (!base)
		base = f && f->base ? f->base : fc->t ? fc->t->url : NULL;
	e->url = dup_or_null(url, &oom);
	e->base = dup_or_null(base, &oom);
	e->type = dup_or_null(type, &oom);
	e->title = dup_or_null(title, &oom);
	if (oom || !e->url) {
		free(e->url);
		free(e->base);
		free(e->type);
		free(e->title);
		return -1;
	}
	l->n++;
	return 0;
}

const char *fc_attr(const struct frame *f, int ns, const char *name)
{
	size_t i;

	for (i = 0; i < f->nattrs; i++)
		if (f->attrs[i].ns == ns && !strcmp(f->attrs[i].local, name))
			return f->attrs[i].value;
	return NULL;
}

unsigned long fc_kids(const struct frame *f, int ns, const char *name)
{
	size_t i;

	for (i = 0; i < f->nkids; i++)
		if (f->kids[i].ns == ns && !strcmp(f->kids[i].name, name))
			return f->kids[i].n;
	return 0;
}

struct frame *fc_parent(struct fc *fc, const struct frame *f)
{
	size_t i = (size_t)(f - fc->st);

	return i > 0 && i < fc->depth ? &fc->st[i - 1] : NULL;
}

struct frame *fc_ancestor(struct fc *fc, int ctx)
{
	size_t i = fc->depth;

	while (i-- > 0)
		if (fc->st[i].ctx == ctx)
			return &fc->st[i];
	return NULL;
}

/* ---- frames ---- */

/*
 * Leaving an element: free what belongs to it, but keep the text buffer
 * and the attribute and child arrays for the next element at this depth,
 * so a long feed does not malloc and free them for every element.
 */
void fc_frame_clear(struct frame *f)
{
	size_t i;
	struct buf text = f->text;
	struct fc_attr *attrs = f->attrs;
	struct kidcount *kids = f->kids;
	size_t aattrs = f->aattrs, akids = f->akids;

	for (i = 0; i < f->nattrs; i++)
		free(f->attrs[i].value);
	free(f->base);
	free(f->state);
	ft_buf_reset(&text);
	memset(f, 0, sizeof(*f));
	f->text = text;
	f->attrs = attrs;
	f->aattrs = aattrs;
	f->kids = kids;
	f->akids = akids;
}

/* Free a stack slot for good. */
void fc_frame_release(struct frame *f)
{
	fc_frame_clear(f);
	ft_buf_release(&f->text);
	free(f->attrs);
	free(f->kids);
	memset(f, 0, sizeof(*f));
}
