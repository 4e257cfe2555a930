/*
 * text.c - checks of text and attribute values in any vocabulary: blank
 * elements and attributes that should say something (W3C NotBlank,
 * AttrNotBlank), C1 controls and U+FFFD that betray a wrong encoding
 * (BadCharacters), and plain text whose '<' was escaped by name where a
 * hexadecimal reference works in more readers (CharacterData).
 */
#include "vocab.h"
#include "value.h"

#include <string.h>

#include "ascii.h"

static int blank(const char *s)
{
	for (; *s; s++)
		if (!IS_SPACE(*s))
			return 0;
	return 1;
}

/* the C1 controls U+0080-U+009F (C2 80-9F) or U+FFFD (EF BF BD); memchr
 * finds the two lead bytes fast, in text of any script */
static const char *bad_char(const char *s, int *c1)
{
	size_t n = strlen(s);
	const unsigned char *b = (const unsigned char *)s, *end = b + n, *p;

	for (p = b; (p = memchr(p, 0xC2, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9F) {
			*c1 = 1;
			return (const char *)p;
		}
	for (p = b; (p = memchr(p, 0xEF, (size_t)(end - p))) != NULL; p++)
		if (p + 2 < end && p[1] == 0xBF && p[2] == 0xBD) {
			*c1 = 0;
			return (const char *)p;
		}
	return NULL;
}

static void bad_chars(struct fc *fc, struct frame *f, const char *v,
		      const char *attr)
{
	int c1 = 0;
	const char *p;

	/* a decoded document's faults are the charset module's to tell */
	if (fc->r->text || !(p = bad_char(v, &c1)))
		return;
	if (c1)
		fc_report_at(fc, f, "bad-characters",
			     "%s%s%s'%s' holds the control character U+%04X: "
			     "windows-1252 read as ISO-8859-1?",
			     attr ? "attribute '" : "", attr ? attr : "",
			     attr ? "' of " : "", f->qname,
			     0x80u + ((unsigned char)p[1] - 0x80u));
	else
		fc_report_at(fc, f, "bad-characters",
			     "%s%s%s'%s' holds U+FFFD, the replacement "
			     "character: text converted with losses",
			     attr ? "attribute '" : "", attr ? attr : "",
			     attr ? "' of " : "", f->qname);
}

/* attributes whose empty value says nothing (RFC 4287 §4.2.7, §4.1.3) */
static int attr_wants_value(const struct frame *f, const char *a)
{
	if (f->ns == NS_ATOM)
		return !strcmp(a, "type") || !strcmp(a, "title") ||
		       !strcmp(a, "rel") || !strcmp(a, "hreflang") ||
		       !strcmp(a, "label") || !strcmp(a, "scheme");
	return f->ns == NS_NONE && f->ctx == CX_ENCLOSURE && !strcmp(a, "type");
}

static void text_start(struct fc *fc, struct frame *f, void *state)
{
	size_t i;

	(void)state;
	if (f->ctx == CX_OPAQUE && !f->xhtml)
		return;
	for (i = 0; i < f->nattrs; i++) {
		const struct fc_attr *a = &f->attrs[i];
		if (a->ns == NS_NONE && !*a->value && attr_wants_value(f, a->local))
			fc_report_at(fc, f, "attr-not-blank",
				     "attribute '%s' of '%s' is empty", a->local,
				     f->qname);
		bad_chars(fc, f, a->value, a->local);
	}
	/* Atom category label is plain text (RFC 4287 §4.2.2.3) */
	if (f->ctx == CX_ACAT) {
		const char *l = fc_attr(f, NS_NONE, "label");
		if (l && fc_looks_like_html(l))
			fc_report_at(fc, f, "contains-html",
				     "label of '%s' should not contain HTML",
				     f->qname);
	}
}

/* Elements that are there to say something (W3C NotBlank). */
static int wants_text(struct fc *fc, const struct frame *f)
{
	const char *l = f->local;

	if (f->ns == NS_ATOM && fc->family == 'a') {
		if (f->ctx == CX_TEXT)
			return !strcmp(l, "title") || !strcmp(l, "summary");
		if (f->ctx == CX_CONTENT)
			return !fc_attr(f, NS_NONE, "src");
		if (f->ctx == CX_LEAF)
			return !strcmp(l, "icon") || !strcmp(l, "logo") ||
			       !strcmp(l, "name");
		return 0;
	}
	if (fc->family != 'r' && fc->family != 'd')
		return 0;
	if (f->ns != NS_NONE && f->ns != NS_RSS10)
		return 0;
	if (f->ctx == CX_CATEGORY)
		return 1;
	if (f->ctx == CX_GUID) {
		/* empty permalink guids are rss-invalid-guid errors already */
		const char *pl = fc_attr(f, NS_NONE, "isPermaLink");
		return pl && !strcmp(pl, "false");
	}
	if (f->ctx == CX_LEAF)
		return !strcmp(l, "title") || !strcmp(l, "description") ||
		       !strcmp(l, "name");
	return 0;
}

static void text_end(struct fc *fc, struct frame *f, void *state)
{
	const char *t = f->text.data ? f->text.data : "";

	(void)state;
	if (f->ctx == CX_OPAQUE)
		return;
	if (!f->nelem && blank(t)) {
		if (wants_text(fc, f))
			fc_report_at(fc, f, "not-blank", "'%s' is empty", f->qname);
		return;
	}
	if (*t)
		bad_chars(fc, f, t, NULL);
	/*
	 * RSS Best Practices Profile, "Character Data": '<' before a letter
	 * or '/' in plain text, which readers that treat the field as HTML
	 * read as a tag; only when it was not a tag already (contains-html).
	 */
	if (f->vt == VT_TEXT && strchr(t, '<') && !fc_looks_like_html(t)) {
		const char *p;
		for (p = strchr(t, '<'); p; p = strchr(p + 1, '<'))
			if (IS_ALPHA(p[1]) || p[1] == '/' || p[1] == '!') {
				fc_report_at(fc, f, "character-data",
					     "'%s' holds '<%c' in plain text: "
					     "write '<' as &#x3C;", f->qname,
					     p[1]);
				break;
			}
	}
}

const struct fc_vocab fc_vocab_text = {
	.name = "text",
	.hooks = { text_start, text_end, NULL },
};
