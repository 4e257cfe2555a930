/*
 * media_bp.c - Media RSS 1.5.1 beyond ext.c: urn:icra ratings, restriction
 * values that must be URIs or assigned ISO 3166-1 country codes, the
 * deprecated media:adult, and HTML in media text that says it is plain.
 * One vocabulary, in every feed: the engine reaches it through
 * fc_vocab_media_bp (vocab.c).  Calls doc.c and the value checkers only.
 */
#include "vocab.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

/* ICRA labels as Media RSS quotes them: r (cz 1 lz 1 nz 1 oz 1 vz 1) */
static int icra_ok(const char *s)
{
	const char *p = s;
	int pairs = 0;

	if (*p++ != 'r')
		return 0;
	while (*p == ' ')
		p++;
	if (*p++ != '(')
		return 0;
	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == ')')
			break;
		if (!IS_ALPHA(p[0]) || !IS_ALNUM(p[1]) || p[2] != ' ' ||
		    !IS_DIGIT(p[3]))
			return 0;
		p += 4;
		pairs++;
	}
	for (p++; *p == ' '; p++)
		;
	return pairs > 0 && !*p;
}

static void media_bp_start(struct fc *fc, struct frame *f)
{
	if (f->ns == NS_MEDIA && !strcmp(f->local, "adult"))
		fc_report_at(fc, f, "media-adult-deprecated",
			     "media:adult is deprecated: use media:rating "
			     "scheme=\"urn:simple\"");
}

static void restriction(struct fc *fc, struct frame *f, const char *type,
			char *s)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(s, " \t\r\n", &save); tok;
	     tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (!strcmp(type, "uri")) {
			if (fc_uri_check(tok, 1, 1, NULL) != URI_OK) {
				fc_report_at(fc, f, "media-invalid-restriction",
					     "'%.100s' in a uri restriction is not "
					     "a URI", tok);
				return;
			}
		} else if (strlen(tok) == 2 && IS_ALPHA(tok[0]) && IS_ALPHA(tok[1]) &&
			   !fc_country_known(tok, 2)) {
			fc_report_at(fc, f, "media-invalid-country",
				     "'%s' is not an ISO 3166-1 country code", tok);
			return;
		}
	}
}

static void media_bp_end(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	const char *v;
	char *s;

	if (f->ns != NS_MEDIA || f->ctx == CX_OPAQUE)
		return;
	if (!strcmp(f->local, "rating")) {
		v = fc_attr(f, NS_NONE, "scheme");
		if (v && !strcmp(v, "urn:icra") && (s = fc_trim_dup(t))) {
			if (!icra_ok(s))
				fc_report_at(fc, f, "media-invalid-rating",
					     "invalid urn:icra rating '%.60s'", s);
			free(s);
		}
	} else if (!strcmp(f->local, "restriction")) {
		v = fc_attr(f, NS_NONE, "type");
		if (v && (!strcmp(v, "uri") || !strcmp(v, "country")) &&
		    (s = strdup(t))) {
			restriction(fc, f, v, s);
			free(s);
		}
	} else if (!strcmp(f->local, "title") || !strcmp(f->local, "description") ||
		   !strcmp(f->local, "text")) {
		/* Media RSS: type "plain" (the default) or "html" */
		v = fc_attr(f, NS_NONE, "type");
		if ((!v || !strcmp(v, "plain")) && fc_looks_like_html(t))
			fc_report_at(fc, f, "contains-html",
				     "'%s' is plain text (no type=\"html\") but "
				     "holds HTML", f->qname);
	}
}

/* Media RSS beyond ext.c: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_media_bp = {
	NULL, NULL, media_bp_start, media_bp_end, NULL
};
