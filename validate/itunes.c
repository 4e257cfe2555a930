/*
 * itunes.c - the W3C validator's iTunes classes that ext.c's table does
 * not cover: Apple's 255-character limit on every iTunes text, the owner's
 * e-mail (MissingItunesEmail, and MissingElement for an itunes:owner
 * without one), the enclosure formats Apple plays (UnsupportedItunesFormat,
 * for every episode), UTF-8 (NotUTF8) and comma-separated keywords
 * (InvalidKeywords).  One vocabulary, in every feed, active once an itunes:
 * element is seen: the engine reaches it through fc_vocab_itunes
 * (vocab.c).  Calls doc.c and the value checkers only.
 */
#include "vocab.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"
#include "utf8.h"

/* Apple, "A Podcaster's Guide to RSS", enclosure */
static const char *const apple_ext[] = { "m4a", "mp3", "mov", "mp4", "m4v",
	"pdf", NULL };
static const char *const apple_type[] = { "audio/x-m4a", "audio/mpeg",
	"video/quicktime", "video/mp4", "video/x-m4v", "application/pdf",
	"audio/m4a", "audio/mp4", NULL };

static int in_ci(const char *v, size_t n, const char *const *l)
{
	for (; *l; l++)
		if (strlen(*l) == n && fc_strncase_eq(v, *l, n))
			return 1;
	return 0;
}

static void enclosure(struct fc *fc, struct frame *f)
{
	const char *url = fc_attr(f, NS_NONE, "url");
	const char *type = fc_attr(f, NS_NONE, "type");
	const char *dot = NULL, *end;

	if (url) {
		end = url + strcspn(url, "?#");
		for (dot = end; dot > url && dot[-1] != '.' && dot[-1] != '/'; dot--)
			;
		if (dot == url || dot[-1] != '.')
			dot = NULL;
		if (dot && !in_ci(dot, (size_t)(end - dot), apple_ext)) {
			fc_report_at(fc, f, "itunes-unsupported-format",
				     "Apple Podcasts does not play .%.*s files",
				     (int)(end - dot > 10 ? 10 : end - dot), dot);
			return;
		}
	}
	if (!dot && type && *type && !in_ci(type, strcspn(type, "; "), apple_type))
		fc_report_at(fc, f, "itunes-unsupported-format",
			     "Apple Podcasts does not play '%.60s'", type);
}

static void itunes_start(struct fc *fc, struct frame *f)
{
	if (f->ns == NS_ITUNES && !strcmp(f->local, "owner"))
		fc->cat.it_owner = 1;
	if (fc->itunes_seen && f->ctx == CX_ENCLOSURE && f->ns == NS_NONE)
		enclosure(fc, f);
}

static void itunes_end(struct fc *fc, struct frame *f)
{
	const char *t = f->text.data ? f->text.data : "";
	const char *l = f->local;

	if (f->ns == NS_ITUNES && f->ctx == CX_LEAF) {
		if (!strcmp(l, "email") && !fc_is_blank(t))
			fc->cat.it_email = 1;
		/* Apple, technical notes: 255 characters unless stated */
		if ((!strcmp(l, "author") || !strcmp(l, "keywords") ||
		     !strcmp(l, "title") || !strcmp(l, "name") ||
		     !strcmp(l, "email")) && strlen(t) > 255 &&
		    ft_utf8_chars(t, strlen(t)) > 255)
			fc_report_at(fc, f, "too-long",
				     "'%s' is longer than 255 characters", f->qname);
		if (!strcmp(l, "keywords") && !strchr(t, ',')) {
			char *s = fc_trim_dup(t);
			if (s && strchr(s, ' '))
				fc_report_at(fc, f, "itunes-keywords-format",
					     "itunes:keywords separated by spaces: "
					     "use commas");
			free(s);
		}
		return;
	}
	if (f->ns == NS_ITUNES && f->ctx == CX_IT_OWNER) {
		if (!fc_kids(f, NS_ITUNES, "email"))
			fc_report_at(fc, f, "itunes-missing-email",
				     "itunes:owner without itunes:email");
		return;
	}
	if ((f->ctx != CX_CHANNEL && f->ctx != CX_RCHANNEL) || !fc->itunes_seen)
		return;
	if (!fc->cat.it_owner)
		fc_report_at(fc, f, "itunes-missing-email",
			     "a podcast channel without itunes:owner and its "
			     "itunes:email");
	if (fc->r->enc.used && strcasecmp(fc->r->enc.used, "utf-8") &&
	    strcasecmp(fc->r->enc.used, "utf8"))
		fc_report_at(fc, f, "itunes-not-utf8",
			     "a podcast feed in %.40s: Apple asks for UTF-8",
			     fc->r->enc.used);
}

/* iTunes beyond ext.c: the engine reaches this file through this row (vocab.c) */
const struct fc_vocab fc_vocab_itunes = {
	NULL, NULL, itunes_start, itunes_end, NULL
};
