/*
 * value.h - checkers for the values feeds carry, for every vocabulary:
 * the dispatch by value type (value.c), dates (date.c), URIs, ids, e-mail,
 * language tags and the like (syntax.c), the registries of codes
 * (codes.c), a link's attributes (link.c), HTML inside text (html.c).
 * Bounded id sets are idset.h's.  They call doc/ and lib/, and each other
 * downwards (link -> value -> html, date -> syntax); never a vocabulary
 * or the engine.  A checker a new vocabulary needs that another could use
 * goes here.  Internal to validate/.
 */
#ifndef FEED_VALUE_H
#define FEED_VALUE_H

#include "doc.h"
#include "names.h"

/* Value types of element text (value.c checks them). */
enum vtype {
	VT_NONE = 0,   /* container: only white space allowed between children */
	VT_ANY,        /* anything */
	VT_TEXT,       /* plain text; HTML in it is a warning */
	VT_HTML,       /* escaped HTML */
	VT_NONBLANK,   /* text, must not be blank */
	VT_RFC822, VT_RFC3339, VT_W3CDTF,
	VT_URL,        /* full URL (RSS link and friends) */
	VT_URI,        /* URI reference, relative allowed */
	VT_IRI,        /* Atom IRI reference */
	VT_ID,         /* Atom id: absolute IRI, tag:, urn: checked */
	VT_EMAIL_RSS,  /* "addr (name)" */
	VT_EMAIL,      /* addr-spec */
	VT_LANG, VT_INT, VT_POSINT, VT_NNINT, VT_EMPTY, VT_MIME,
	VT_HOUR, VT_DAY, VT_TRUEFALSE, VT_YESNO, VT_EXPLICIT, VT_DURATION,
	VT_UPDATEPERIOD, VT_FLOAT, VT_LAT, VT_LON, VT_NPT, VT_RATING,
	VT_ITUNES_TYPE, VT_EPISODE_TYPE, VT_KEYWORDS, VT_GUID,
	VT_FULLIRI,    /* absolute IRI (category scheme, thr:ref) */
	VT_COMMAINTS   /* comma separated integers */
};

/* Value checking (value.c): report what is wrong with v, of type vt. */
void fc_check_value(struct fc *fc, struct frame *f, int vt, const char *v);
void fc_check_attr_value(struct fc *fc, struct frame *f, const char *attr,
			 int vt, const char *v);
/* An IRI attribute: no white space around it (RFC 3987), then the IRI
 * (full: an absolute one). */
void fc_check_iri_attr(struct fc *fc, struct frame *f, const char *name,
		       const char *v, int full);

/*
 * An atom:link's attributes, at its start tag (link.c), in Atom or in
 * RSS: href (there, an IRI), type, hreflang, length, and rel against the
 * IANA registry.  Its relation as the registry names it: "alternate"
 * without a rel, an IANA URI cut to its name; in trimmed (size bytes,
 * the rel without white space around it) or static.
 */
const char *fc_link_check(struct fc *fc, struct frame *f, char *trimmed,
			  size_t size);
/* An atom:link's rel without white space around it, in buf (size bytes),
 * or "alternate" when it has none; and a rel as the IANA registry names
 * it (its URI cut to the name). */
const char *fc_link_rel(const struct frame *f, char *buf, size_t size);
const char *fc_link_rel_name(const char *rel);

/* HTML inside escaped text (html.c): security risks, relative links. */
void fc_check_html(struct fc *fc, struct frame *f, const char *html,
		   int relative_warn);
int fc_looks_like_html(const char *s);
/* Free the HTML parser fc keeps between checks (fc->html); reusable. */
void fc_html_release(struct fc *fc);
/* An element inside Atom XHTML content (root: the div's parent). */
void fc_check_xhtml_element(struct fc *fc, struct frame *f, struct frame *root);

/* Pure checkers, 0 valid; unit-tested.  Dates (date.c): */
int fc_rfc822_check(const char *s, long long *t, int *problem);
int fc_rfc3339_check(const char *s, long long *t);
int fc_w3cdtf_check(const char *s, long long *t);
/* 1 when the time t (seconds since 1970) is plausible for a feed: not
 * before 1990, not more than a year ahead of now. */
int fc_date_plausible(long long t);
/* Syntax (syntax.c): */
enum uri_status { URI_OK = 0, URI_BAD_CHAR, URI_RELATIVE, URI_BAD };
int fc_uri_check(const char *s, int need_absolute, int iri, char *badc);
/* 1 when URIs a and b are the same after RFC 3986 section 6.2.2 (case,
 * percent-encoding, dot segments) and, for http and https, 6.2.3 (the
 * default port, an empty path) normalisation (urinorm.c) */
int fc_uri_same(const char *a, const char *b);
int fc_tag_check(const char *s);
int fc_urn_check(const char *s);
int fc_email_check(const char *s);
int fc_uuid_check(const char *s);
/* RSS author forms: 0 ok, 1 unusual but has an address, -1 invalid */
int fc_rss_email_check(const char *s);
int fc_lang_check(const char *s);
/* Registries (codes.c), 1 when known: an ISO 639 language code of 2
 * or 3 letters, an ISO 3166-1 alpha-2 country code (any case), an IANA
 * URI scheme; each of len bytes at s. */
int fc_language_known(const char *s, size_t len);
int fc_country_known(const char *s, size_t len);
int fc_uri_scheme_known(const char *s, size_t len);
int fc_mime_check(const char *s);
int fc_int_check(const char *s, long long lo, long long hi, long long *v);
int fc_npt_check(const char *s);
int fc_itunes_duration_check(const char *s);
int fc_is_blank(const char *s);
/* A malloc'd copy of t without surrounding white space; NULL on ENOMEM. */
char *fc_trim_dup(const char *t);
/* s into dst (size > 0 bytes), cut to size - 1 bytes and terminated, as
 * snprintf("%s") without its cost; the bytes copied. */
size_t fc_copy(char *dst, size_t size, const char *s);

/* Helpers the value files share (syntax.c). */
/* The n digits at s as a number in *v: 0, or -1 when one is not a digit. */
int fc_ndigits(const char *s, int n, int *v);
/* 1 when the first n bytes of a and b are equal, ASCII case ignored. */
int fc_strncase_eq(const char *a, const char *b, size_t n);

/* --profile readers (volatile.c): the name of a query parameter in s that
 * changes per visit or generator run (utm_*, fbclid, sessionid, ...), or
 * NULL. */
const char *fc_readers_volatile(const char *s);

#endif
