/*
 * ident.h - entry ids (tag: URIs, RFC 4151) and links from the template.
 */
#ifndef FEEDGEN_IDENT_H
#define FEEDGEN_IDENT_H

#include "article.h"
#include "buf.h"

/*
 * Check base (an absolute http or https URL) and return its host in
 * lower case (malloc'd), or NULL with *why set.
 */
char *base_url_host(const char *base, const char **why);

/*
 * 1 when url (absolute) names a folder that links are made by appending
 * to: no query, no fragment, no user name or password; else 0 with *why.
 */
int url_is_folder(const char *url, const char **why);

/*
 * 1 when url starts with an http or https scheme and a host (the rest is
 * not judged); else 0 with *why: what every URL-valued setting must be,
 * so that no javascript:, data: or file: link is ever published.
 */
int url_is_http(const char *url, const char **why);

/* A tag: URI's authority (RFC 4151 section 2.1): a DNS name or an e-mail
 * address.  1 or 0. */
int tag_authority_ok(const char *s);

/* A language tag (BCP 47, RFC 5646 section 2.1) in outline: letters,
 * then subtags of letters and digits, each at most 8.  1 or 0. */
int lang_tag_ok(const char *s);

/*
 * "tag:HOST,YYYY-MM-DD:STEM/POS": the host of the base URL, the edition's
 * date (or the article's own date outside edition folders), the page
 * file's name without extension and the article's position on the page.
 * None of these changes when an article's text is corrected.
 */
char *make_tag_id(const char *host, const struct article *a);

/*
 * The id an article's front matter gives (a->given_id), as an entry's id
 * must be (an IRI, RFC 4287 section 4.2.6): an absolute URI as written
 * (the bytes a URI may not hold percent-encoded); anything else the tag:
 * URI "tag:AUTHORITY,DATE:ID" (DATE as make_tag_id's, ID percent-encoded
 * where needed).  malloc'd, NULL when memory ran out.
 */
char *id_from_given(const char *authority, const struct article *a);

/* s with every byte that a URI may not hold (controls, space, what is not
 * ASCII, < > " { } | \ ^ `) percent-encoded (RFC 3986 section 2.1);
 * malloc'd, NULL when memory ran out. */
char *url_clean(const char *s);

/*
 * Expand the link template for a: {base} {date} {yyyy} {mm} {dd} {page}
 * {pos} {stem} {id}.  Returns a malloc'd string, or NULL with *why set
 * (unknown placeholder, unbalanced brace).  base has no trailing '/'.
 */
char *expand_link(const char *tmpl, const char *base, const struct article *a,
		  const char **why);

#endif
