/*
 * content_type.h - parsing a Content-Type value, and the media types a
 * feed may be served as (content_type.c).  Pure string functions: they
 * never print and never exit.
 */
#ifndef FEED_CONTENT_TYPE_H
#define FEED_CONTENT_TYPE_H

/*
 * Parse a Content-Type field value (RFC 7231 §3.1.1.1, RFC 2045 §5.1):
 *   media-type = type "/" subtype *( OWS ";" OWS parameter )
 *   parameter  = token "=" ( token / quoted-string )
 * Type, subtype and parameter names are case-insensitive; they come back
 * lower-cased, as does the charset value (RFC 2978 names are
 * case-insensitive).  *media and *charset are malloc'd (owned by the
 * caller) or NULL.  Returns 0, or -1 when the value is malformed (then
 * *media and *charset hold what could be recovered, possibly NULL), or
 * -2 when memory ran out.
 */
int fetch_parse_content_type(const char *value, char **media, char **charset);

/* 1 when media_type is one a feed may be served as (the RSS, Atom, RDF,
 * JSON Feed and generic XML and JSON types; content_type.c lists them). */
int fetch_is_feed_type(const char *media_type);

struct diag_list;

/*
 * What a document's Content-Type says about it as a feed's transport, as
 * RFC 9110 and RFC 7303 read it: ct missing (NULL), malformed, or not a
 * feed media type are findings in dl (http-content-type-*) at name, a
 * missing one naming the document as shown (a URL as it was asked for);
 * *media and *charset as fetch_parse_content_type() gives them.  0, or
 * -2 when memory ran out.
 */
int fetch_type_findings(const char *ct, const char *name, const char *shown,
			char **media,
			char **charset, struct diag_list *dl);

#endif
