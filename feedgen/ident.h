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

/*
 * "tag:HOST,YYYY-MM-DD:STEM/POS": the host of the base URL, the edition's
 * date (or the article's own date outside edition folders), the page
 * file's name without extension and the article's position on the page.
 * None of these changes when an article's text is corrected.
 */
char *make_tag_id(const char *host, const struct article *a);

/*
 * Expand the link template for a: {base} {date} {yyyy} {mm} {dd} {page}
 * {pos} {stem} {id}.  Returns a malloc'd string, or NULL with *why set
 * (unknown placeholder, unbalanced brace).  base has no trailing '/'.
 */
char *expand_link(const char *tmpl, const char *base, const struct article *a,
		  const char **why);

#endif
