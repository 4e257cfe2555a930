/*
 * xml.c - the element engine: the stack of frames the parse (xml_sax.c)
 * pushes and pops, the rule lookup (the vocabularies' tables, indexed by
 * parent context), the root element that decides the format, an element's
 * text checked when it ends, the expansion of entity references counted
 * against a bound, and the vocabularies' hooks, reached through the index
 * the registry hands over (fc->index, fc->vstate): the engine names no
 * vocabulary.  Never libxml2, which is xml_sax.c's.
 *
 * Only the path from the root to the current element is kept (struct
 * frame), so memory stays flat whatever the size of the feed.
 */
#include "xml.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "grow.h"
#include "value.h"
#include "names.h"
#include "vocab.h"

static int count_kid(struct frame *p, const struct elrule *r)
{
	size_t i;

	for (i = 0; i < p->nkids; i++)
		if (p->kids[i].ns == r->ns && p->kids[i].name == r->name)
			return (int)(p->kids[i].n < 1000 ? ++p->kids[i].n
							: p->kids[i].n);
	if (p->nkids == p->akids) {
		struct kidcount *nk = ft_grow(p->kids, &p->akids, p->nkids + 1,
					      sizeof(*nk));
		if (!nk)
			return 1;
		p->kids = nk;
	}
	p->kids[p->nkids].ns = r->ns;
	p->kids[p->nkids].name = r->name;
	p->kids[p->nkids].n = 1;
	p->nkids++;
	return 1;
}

/* Whether vocabulary v serves a document of family fam. */
static int serves(const struct fc_vocab *v, int fam)
{
	return !v->family || (fam && strchr(v->family, fam));
}

static const char families[FC_XML_FAMILIES] = { 0, 'r', 'd', 'a' };

static void add_hook(struct fc_xml_hook *v, unsigned char *n, fc_hook_fn fn,
		     uint64_t ns, size_t vocab)
{
	if (fn && *n < FC_XML_HOOKS) {
		v[*n].fn = fn;
		v[*n].ns = ns;
		v[*n].vocab = (unsigned char)vocab;
		(*n)++;
	}
}

void fc_xml_index_build(struct fc_xml_index *x,
			const struct fc_vocab *const *vocabs)
{
	size_t t, c, round;
	const struct elrule *r;

	memset(x, 0, sizeof(*x));
	for (t = 0; vocabs[t]; t++)
		for (r = vocabs[t]->rules; r && r->name; r++)
			for (c = 0; c < CX_COUNT; c++)
				if ((r->parents & BIT(c)) &&
				    x->nrows[c] < FC_XML_ROWS_PER_CTX) {
					x->rows[c][x->nrows[c]++] = r;
					if (r->min)
						x->req[c][x->nreq[c]++] = r;
				}
	for (c = 0; c < FC_XML_FAMILIES; c++)
		for (round = 0; round < 2; round++)
			for (t = 0; vocabs[t] && t < FC_MAX_VOCABS; t++) {
				const struct fc_vocab *v = vocabs[t];
				const struct fc_hooks *k = round ? &v->late : &v->hooks;
				struct fc_xml_hooks *h = &x->by_family[c];
				if (!serves(v, families[c]))
					continue;
				add_hook(h->start, &h->nstart, k->start, v->ns, t);
				add_hook(h->end, &h->nend, k->end, v->ns, t);
				add_hook(h->foreign, &h->nforeign, k->foreign, v->ns, t);
			}
}

static const struct fc_xml_hooks *handlers(const struct fc *fc)
{
	size_t c;

	for (c = 1; c < FC_XML_FAMILIES; c++)
		if (fc->family == families[c])
			return &fc->index->by_family[c];
	return &fc->index->by_family[0];
}

size_t fc_xml_rows_indexed(const struct fc_xml_index *x, int ctx)
{
	return ctx >= 0 && ctx < CX_COUNT ? x->nrows[ctx] : 0;
}

size_t fc_xml_rows_wanted(const struct fc_vocab *const *vocabs, int ctx)
{
	size_t t, n = 0;
	const struct elrule *r;

	for (t = 0; vocabs[t]; t++)
		for (r = vocabs[t]->rules; r && r->name; r++)
			if (ctx >= 0 && ctx < CX_COUNT && (r->parents & BIT(ctx)))
				n++;
	return n;
}

static const struct elrule *lookup(const struct fc *fc, int pctx, int ns,
				  const char *name)
{
	const struct fc_xml_index *x = fc->index;
	size_t i;
	const struct elrule *r;

	for (i = 0; i < x->nrows[pctx]; i++) {
		r = x->rows[pctx][i];
		if (r->ns == ns && r->name[0] == name[0] && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}

/* The namespace whose unknown elements are errors in a context. */
static int core_ns(struct fc *fc, int ctx)
{
	switch (ctx) {
	case CX_FEED: case CX_ENTRY: case CX_ASOURCE: case CX_PERSON:
	case CX_ALINK: case CX_ACAT: case CX_GENERATOR: case CX_TEXT:
	case CX_CONTENT:
		return NS_ATOM;
	case CX_RDF: case CX_RCHANNEL: case CX_RITEM: case CX_RIMAGE:
	case CX_RTEXTINPUT: case CX_RITEMS:
		return fc->fmt == FC_FORMAT_RSS090 ? NS_RSS090 : NS_RSS10;
	case CX_LEAF: case CX_OPAQUE: case CX_NONE:
		return -1;
	default:
		return fc->family == 'a' ? NS_ATOM :
		       fc->family == 'd' ? NS_RSS10 : NS_NONE;
	}
}

/* The vocabularies' hooks in hs[0..n) (the first round, then the late
 * one) that look at f's namespace, each given its vocabulary's state. */
static void dispatch(struct fc *fc, struct frame *f,
		     const struct fc_xml_hook *hs, size_t n)
{
	uint64_t ns = BIT(f->ns);
	size_t i;

	for (i = 0; i < n; i++)
		if (!hs[i].ns || (hs[i].ns & ns))
			hs[i].fn(fc, f, fc->vstate[hs[i].vocab]);
}

static void dispatch_start(struct fc *fc, struct frame *f)
{
	const struct fc_xml_hooks *h = handlers(fc);

	dispatch(fc, f, h->start, h->nstart);
}

static void dispatch_foreign(struct fc *fc, struct frame *f)
{
	const struct fc_xml_hooks *h = handlers(fc);

	dispatch(fc, f, h->foreign, h->nforeign);
}

static void dispatch_end(struct fc *fc, struct frame *f)
{
	const struct fc_xml_hooks *h = handlers(fc);

	dispatch(fc, f, h->end, h->nend);
}

/* The root element decides the format. */
static void root_start(struct fc *fc, struct frame *f)
{
	const char *v;

	if (f->ns == NS_NONE && !strcmp(f->local, "rss")) {
		fc->family = 'r';
		f->ctx = CX_RSS;
		v = fc_attr(f, NS_NONE, "version");
		fc->fmt = FC_FORMAT_RSS20;
		if (v && (!strcmp(v, "0.91") || !strcmp(v, "0.9")))
			fc->fmt = FC_FORMAT_RSS091;
		else if (v && (!strcmp(v, "0.92") || !strcmp(v, "0.93") ||
			       !strcmp(v, "0.94")))
			fc->fmt = FC_FORMAT_RSS092;
		if (v)
			fc->r->version = strdup(v);
	} else if (f->ns == NS_RDF && !strcmp(f->local, "RDF")) {
		fc->family = 'd';
		f->ctx = CX_RDF;
		fc->fmt = FC_FORMAT_RSS10;
		fc->r->version = strdup("1.0");
	} else if (f->ns == NS_ATOM && (!strcmp(f->local, "feed") ||
					!strcmp(f->local, "entry"))) {
		fc->family = 'a';
		fc->fmt = FC_FORMAT_ATOM10;
		f->ctx = f->local[0] == 'f' ? CX_FEED : CX_ENTRY;
		fc->r->version = strdup("1.0");
	} else if (f->ns == NS_ATOM03 && !strcmp(f->local, "feed")) {
		fc->fmt = FC_FORMAT_ATOM03;
		fc->r->version = strdup("0.3");
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		fc_report_at(fc, f, "atom03-obsolete",
			     "the Atom 0.3 namespace is obsolete: use Atom 1.0 "
			     "(RFC 4287)");
		return;
	} else if (f->ns == NS_NONE && (!strcmp(f->local, "feed") ||
					!strcmp(f->local, "entry"))) {
		/* RFC 4287 §2: Atom elements are in the Atom namespace */
		fc_report_at(fc, f, "atom-missing-namespace",
			     "'%s' is not in the Atom namespace "
			     "'http://www.w3.org/2005/Atom'", f->local);
		fc->atom_nons = 1;
		f->ns = NS_ATOM;
		fc->family = 'a';
		fc->fmt = FC_FORMAT_ATOM10;
		f->ctx = f->local[0] == 'f' ? CX_FEED : CX_ENTRY;
	} else {
		fc_report_at(fc, f, "not-a-feed",
			     "root element '%s' is not rss, rdf:RDF or an Atom "
			     "feed: this is not a feed", f->qname);
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		return;
	}
	dispatch_start(fc, f);
}

int fc_xml_open(struct fc *fc, const char *local, const char *qname,
		const char *nsuri, long line, long col, size_t end,
		struct frame **out)
{
	struct frame *f;

	*out = NULL;
	if (fc->depth >= fc->max_depth) {
		fc_report(fc, "validator-limit", line, col,
			  "elements nested deeper than %u levels (feedcheck's "
			  "--max-depth raises the limit)", fc->max_depth);
		return 1;
	}
	if (fc->depth == fc->alloc) {
		size_t was = fc->alloc;
		struct frame *ns = ft_grow(fc->st, &fc->alloc, fc->depth + 1,
					   sizeof(*ns));
		if (!ns)
			return -1;
		/* new frames are all zero: fc_frame_clear() keeps their buffers */
		memset(ns + was, 0, (fc->alloc - was) * sizeof(*ns));
		fc->st = ns;
	}
	f = &fc->st[fc->depth];
	fc->depth++;
	if (!f->text.max)
		ft_buf_init(&f->text, fc->max_text);
	f->local = local;
	f->qname = qname;
	f->nsuri = nsuri;
	{
		int near;
		f->ns = (unsigned char)fc_ns_ex(fc, f->nsuri, &near);
		f->near_miss = (unsigned char)near;
	}
	f->col = fc_xml_locate_end(fc, end, line, col, f->qname, &f->line,
				   &f->off);
	*out = f;
	return 0;
}

void fc_xml_declared(struct fc *fc, const char *uri)
{
	fc->ns_declared |= BIT(fc_ns(fc, uri));
}

int fc_xml_attr(struct fc *fc, struct frame *f, const char *local,
		const char *nsuri, char *value)
{
	struct fc_attr *a;

	if (!value)
		return -1;
	if (f->nattrs == f->aattrs) {
		struct fc_attr *nv = ft_grow(f->attrs, &f->aattrs, f->nattrs + 1,
					     sizeof(*nv));
		if (!nv) {
			free(value);
			return -1;
		}
		f->attrs = nv;
	}
	a = &f->attrs[f->nattrs++];
	memset(a, 0, sizeof(*a));
	a->nsuri = nsuri;
	a->local = local;
	a->value = value;
	/* unprefixed attributes are in no namespace */
	a->ns = nsuri ? (unsigned char)fc_ns(fc, nsuri) : NS_NONE;
	return 0;
}

void fc_xml_opened(struct fc *fc, struct frame *f)
{
	struct frame *p = f > fc->st ? f - 1 : NULL;
	const struct elrule *r;

	{
		const char *b = fc_attr(f, NS_XML, "base");
		if (b)
			f->base = strdup(b);
		else if (p && p->base)
			f->base = strdup(p->base);
	}

	if (!p) {
		root_start(fc, f);
		return;
	}
	p->nelem++;
	if (p->opaque) {
		f->opaque = 1;
		f->ctx = CX_OPAQUE;
		f->xhtml = p->xhtml;
		if (p->xhtml)
			dispatch_start(fc, f);
		else
			dispatch_foreign(fc, f);
		return;
	}
	if (f->ns == NS_RSS090 && fc->family == 'd') {
		/* RSS 0.90 has the RSS 1.0 vocabulary's core */
		fc->fmt = FC_FORMAT_RSS090;
		f->ns = NS_RSS10;
		free(fc->r->version);
		fc->r->version = strdup("0.90");
	}
	if (f->ns == NS_MEDIA_OLD) {
		fc_report_at(fc, f, "media-namespace",
			     "Media RSS namespace is "
			     "'http://search.yahoo.com/mrss/', with the slash");
		f->ns = NS_MEDIA;
	}
	r = lookup(fc, p->ctx, f->ns, f->local);
	if (r) {
		int n = count_kid(p, r);
		f->rule = r;
		f->ctx = r->ctx;
		f->vt = r->vt;
		if (r->max == 1 && n == 2)
			fc_report_at(fc, f, "duplicate-element",
				     "'%s' contains more than one '%s'",
				     p->qname, f->qname);
		else if (r->max && n == r->max + 1)
			fc_report_at(fc, f, "duplicate-element",
				     "'%s' contains more than %d '%s' elements",
				     p->qname, r->max, f->qname);
		if (f->ctx == CX_OPAQUE)
			f->opaque = 1;
	} else {
		int core = core_ns(fc, p->ctx);
		f->ctx = CX_OPAQUE;
		f->opaque = 1;
		int leafcore = fc->family == 'a' ? NS_ATOM :
			       fc->family == 'd' ? NS_RSS10 : NS_NONE;
		if (f->ns == core || (p->ctx == CX_LEAF && f->ns == leafcore) ||
		    (fc_ns_known(f->ns) && !(f->ns == NS_ATOM && fc->family != 'a')))
			fc_report_at(fc, f, "undefined-element",
				     "undefined '%s' element: '%s'", p->qname,
				     f->qname);
	}
	dispatch_start(fc, f);
}

static int ws_only(const char *s)
{
	for (; *s; s++)
		if (!IS_SPACE(*s))
			return 0;
	return 1;
}

static void check_missing(struct fc *fc, struct frame *f)
{
	size_t i;
	const struct elrule *r;

	for (i = 0; i < fc->index->nreq[f->ctx]; i++) {
		r = fc->index->req[f->ctx][i];
		if (fc_kids(f, r->ns, r->name) < r->min)
			fc_report_at(fc, f, "missing-element",
				     "missing '%s' element: '%s'", f->qname,
				     r->name);
	}
}

void fc_xml_close(struct fc *fc)
{
	if (!fc->depth)
		return;
	{
	struct frame *f = &fc->st[fc->depth - 1];

	if (!f->opaque && f->ctx != CX_NONE) {
		const char *text = f->text.data ? f->text.data : "";
		if (f->overflow)
			fc_report_at(fc, f, "validator-limit",
				     "text of '%s' longer than %zu bytes; "
				     "the rest was not checked", f->qname,
				     fc->max_text);
		if (f->vt == VT_NONE) {
			if (!ws_only(text))
				fc_report_at(fc, f, "unexpected-text",
					     "unexpected text in '%s'",
					     f->qname);
		} else {
			fc_check_value(fc, f, f->vt, text);
		}
		check_missing(fc, f);
	}
	dispatch_end(fc, f);
	fc_frame_clear(f);
	fc->depth--;
	}
}

void fc_xml_text(struct fc *fc, const char *s, size_t n)
{
	struct frame *f;

	if (!fc->depth)
		return;
	f = &fc->st[fc->depth - 1];
	if (f->overflow || (f->opaque && !f->xhtml && !f->keep_text))
		return;
	if (ft_buf_add(&f->text, s, n) < 0)
		f->overflow = 1;
}

/*
 * A reference to an internal entity: what it expands to is added up
 * (doctype.c measured each), and past a bound the document is refused, as
 * libxml2 and expat do for the readers that substitute entities: a 60 KB
 * entity used 60,000 times is 3.6 GB (the quadratic blowup).  The bound
 * is 1 MB and ten times the document.
 */
int fc_xml_entity(struct fc *fc, const char *name, size_t n, long line,
		  long col, int in_text)
{
	unsigned long long bound = 10ULL * fc->len + (1ULL << 20);
	size_t i;

	if (!name || !fc->nentsz)
		return 0;
	for (i = 0; i < fc->nentsz; i++)
		if (fc->entsz[i].nlen == n && !memcmp(fc->entsz[i].name, name, n))
			break;
	if (i == fc->nentsz)
		return 0;
	fc->expanded += fc->entsz[i].size;
	if (fc->expanded <= bound) {
		/* the element's text holds the replacement text (as declared:
		 * references inside it stay as written), so that it is not
		 * empty to the checks of its value */
		struct frame *f = fc->depth ? &fc->st[fc->depth - 1] : NULL;
		if (in_text && f && fc->entsz[i].val && !f->overflow &&
		    (!f->opaque || f->xhtml || f->keep_text) &&
		    ft_buf_add(&f->text, fc->entsz[i].val, fc->entsz[i].vlen) < 0)
			f->overflow = 1;
		return 0;
	}
	fc_report(fc, "xml-entity-expansion", line, col,
		  "entity references expand to more than %llu bytes (ten times "
		  "the document and 1 MB); the rest was not parsed", bound);
	return -1;
}

/* The end of a parse: every frame's memory goes. */
void fc_xml_release(struct fc *fc)
{
	size_t k;

	for (k = 0; k < fc->alloc; k++)
		fc_frame_release(&fc->st[k]);
	fc->depth = 0;
}
