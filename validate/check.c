/*
 * check.c - fc_check(), the library's entry point and its top rung: binary
 * data, JSON Feed or XML; for XML the encoding (charset/), the decoding to
 * UTF-8, the prolog and the parse (engine/) with the vocabularies' states
 * (vocab/registry.c), a web page or plain text when no feed was found
 * (vocab/page.c); then the findings in document order.  fc_init().
 */
#include "feedcheck.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "charset.h"
#include "doc.h"
#include "doctype.h"
#include "idset.h"
#include "page.h"
#include "value.h"
#include "jsonfeed.h"
#include "registry.h"
#include "xml.h"

#define MAX_TEXT_DEFAULT FC_MAX_TEXT_DEFAULT
#define MAX_DEPTH_DEFAULT 256u

/* order of findings: by position, then as found (a stable merge sort) */
static int diag_before(const struct diag *x, const struct diag *y)
{
	if (x->line != y->line)
		return x->line < y->line;
	return x->column < y->column;
}

static void sort_diags(struct diag_list *l)
{
	struct diag *tmp, *src, *dst, *t;
	size_t w, i;

	if (l->n < 2)
		return;
	for (i = 1; i < l->n && !diag_before(&l->v[i], &l->v[i - 1]); i++)
		;
	if (i == l->n)
		return;   /* already in order */
	tmp = malloc(l->n * sizeof(*tmp));
	if (!tmp)
		return;   /* unsorted is still correct */
	src = l->v;
	dst = tmp;
	for (w = 1; w < l->n; w *= 2) {
		for (i = 0; i < l->n; i += 2 * w) {
			size_t a = i, am = i + w < l->n ? i + w : l->n;
			size_t b = am, bm = i + 2 * w < l->n ? i + 2 * w : l->n;
			size_t k = i;
			while (a < am && b < bm)
				dst[k++] = diag_before(&src[b], &src[a]) ? src[b++]
									 : src[a++];
			while (a < am)
				dst[k++] = src[a++];
			while (b < bm)
				dst[k++] = src[b++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != l->v)
		memcpy(l->v, src, l->n * sizeof(*tmp));
	free(tmp);
}

/* fc_options.consumed, for the passes of the charset module */
static void charset_consumed(void *arg, size_t offset)
{
	const struct fc_options *o = arg;

	o->consumed(o->consumed_arg, offset);
}

/* fc_options.consumed for a parse of bytes that start past a BOM */
struct shifted {
	const struct fc_options *o;
	size_t by;
};

static void shifted_consumed(void *arg, size_t offset)
{
	const struct shifted *sh = arg;

	sh->o->consumed(sh->o->consumed_arg, offset + sh->by);
}

/* XML 1.0 Appendix F: 4C 6F A7 94 is "<?xm" in EBCDIC */
static int ebcdic(const unsigned char *b, size_t n)
{
	return n >= 4 && !memcmp(b, "\x4C\x6F\xA7\x94", 4);
}

/* the message, in msg (the caller's: several threads may check at once) */
static const char *mismatch_message(const struct fc_result *r,
				    const unsigned char *b, size_t n,
				    char *msg, size_t msgsize)
{
	const char *why = r->enc.bom ? "its byte order mark" :
			  r->enc.http ? "the HTTP charset" :
			  r->enc.declared ? "its XML declaration" :
			  "the default for XML without a declaration";

	if (ebcdic(b, n))
		return "the bytes are EBCDIC (4C 6F A7 94 is '<?xm' in EBCDIC, "
		       "XML 1.0 appendix F), but the document was read as UTF-8: "
		       "feed readers read no EBCDIC; convert it to UTF-8";
	snprintf(msg, msgsize, "read as %s, as %s says, the document "
		 "does not start with '<': its bytes are in another encoding "
		 "(see the charset findings)", r->enc.used ? r->enc.used : "UTF-8",
		 why);
	return msg;
}

/* Hand the strings of ci over to r->enc. */
static void take_encoding(struct fc_result *r, struct fc_charset_info *ci)
{
	r->enc.bom = ci->bom;
	r->enc.http = ci->http;
	r->enc.declared = ci->declared;
	r->enc.used = ci->used;
	ci->bom = ci->http = ci->declared = ci->used = NULL;
}

#define MAX_DECODED ((size_t)1 << 30)

/*
 * JSON in UTF-16 or UTF-32 (RFC 7159 §8.1 allowed them; RFC 4627 §3 told
 * them apart by the zeros of the first two characters, ASCII both): the
 * encoding, and in *bom the bytes of a byte order mark; NULL when the
 * bytes are not such JSON.
 */
static const char *json_wide(const unsigned char *b, size_t n, size_t *bom)
{
	*bom = 0;
	if (n >= 4 && !memcmp(b, "\0\0\xFE\xFF", 4))
		return *bom = 4, "UTF-32BE";
	if (n >= 4 && !memcmp(b, "\xFF\xFE\0\0", 4))
		return *bom = 4, "UTF-32LE";
	if (n >= 2 && !memcmp(b, "\xFE\xFF", 2))
		return *bom = 2, "UTF-16BE";
	if (n >= 2 && !memcmp(b, "\xFF\xFE", 2))
		return *bom = 2, "UTF-16LE";
	if (n >= 4 && !b[0] && !b[1] && !b[2] && b[3])
		return "UTF-32BE";
	if (n >= 4 && b[0] && !b[1] && !b[2] && !b[3])
		return "UTF-32LE";
	if (n >= 4 && !b[0] && b[1] && !b[2])
		return "UTF-16BE";
	if (n >= 4 && b[0] && !b[1] && b[2] && !b[3])
		return "UTF-16LE";
	return NULL;
}

void fc_init(void)
{
	fc_vocabs_index();
	fc_xml_init();
}

int fc_check(const unsigned char *bytes, size_t len, const char *source,
	     const struct fc_transport *t, const struct fc_options *o,
	     struct fc_result *r)
{
	struct fc fc;
	struct fc_options dflt;
	struct fc_charset_info ci;
	size_t i, first_parse_diag;
	int rc = 0, crc, decoded = 0, faulty;

	memset(&dflt, 0, sizeof(dflt));
	if (!o)
		o = &dflt;
	memset(&fc, 0, sizeof(fc));
	fc.r = r;
	fc.o = o;
	fc.t = t;
	fc.source = source;
	fc.bytes = bytes;
	fc.len = len;
	fc.max_text = o->max_text ? o->max_text : MAX_TEXT_DEFAULT;
	fc.max_depth = o->max_depth ? o->max_depth : MAX_DEPTH_DEFAULT;
	fc.line_cur = 1;
	fc.col_at = 1;
	if (o->max_diags)
		r->diags.max = o->max_diags;

	/* an image, an archive, gzip inside gzip: said once, not read as text */
	if (fc_page_binary(&fc)) {
		sort_diags(&r->diags);
		return 0;
	}
	{
		size_t skip = len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3) ? 3 : 0;
		const char *wide = skip ? NULL : json_wide(bytes, len, &skip);
		if (wide) {
			/* a look at the first characters before decoding all */
			unsigned char *head = NULL;
			size_t hn = 0, pn = len - skip < 64 ? len - skip : 64;
			int json = fc_charset_decode(bytes + skip, pn, wide, 4096,
						     &head, &hn) == 0 &&
				   fc_looks_json(head, hn);
			free(head);
			if (!json)
				wide = NULL, skip = 0;
		}
		if (wide && fc_charset_decode(bytes + skip, len - skip, wide,
					      MAX_DECODED, &r->text,
					      &r->text_len) == 0 &&
		    fc_looks_json(r->text, r->text_len)) {
			/* JSON Feed 1.1: "any encoding that's legal JSON is
			 * legal"; RFC 8259 §8.1 now says UTF-8 */
			if ((skip && !(r->enc.bom = strdup(wide))) ||
			    !(r->enc.used = strdup(wide)))
				return -1;
			fc.bytes = r->text;
			fc.len = r->text_len;
			fc.fmt = FC_FORMAT_JSONFEED;
			{
				struct diag *d = fc_report(&fc, "json-encoding", 1, 1,
					"the JSON Feed is in %s: save it as UTF-8", wide);
				if (d)
					d->path = strdup("");
			}
			/* what the decoding replaced with U+FFFD (a lone
			 * surrogate): said, as for XML */
			if (fc_charset_report_faults(bytes, len, skip, wide, source,
						     &r->diags) > 0)
				for (i = 0; i < r->diags.n; i++)
					if (!strcmp(r->diags.v[i].rule,
						    "charset-invalid-bytes") &&
					    !r->diags.v[i].path)
						r->diags.v[i].path = strdup("");
			rc = fc_check_json(&fc);
			fc_html_release(&fc);
			r->format = fc.fmt;
			sort_diags(&r->diags);
			return rc;
		}
		if (wide) {
			free(r->text);
			r->text = NULL;
			r->text_len = 0;
			skip = 0;
		}
		if (fc_looks_json(bytes + skip, len - skip)) {
			/* RFC 8259 §8.1: JSON is UTF-8; jsonfeed.c checks it */
			if (skip && !(r->enc.bom = strdup("UTF-8")))
				return -1;
			if (t && t->charset && !(r->enc.http = strdup(t->charset)))
				return -1;
			fc.fmt = FC_FORMAT_JSONFEED;
			r->enc.used = strdup("UTF-8");
			if (skip) {
				/* producers "MUST NOT add a byte order mark" */
				struct diag *d = fc_report(&fc, "json-bom", 1, 1,
					"a byte order mark (EF BB BF) before the "
					"JSON Feed");
				if (d)
					d->path = strdup("");
				fc.bytes += skip;
				fc.len -= skip;
			}
			rc = fc_check_json(&fc);
			fc_html_release(&fc);
			r->format = fc.fmt;
			sort_diags(&r->diags);
			return rc;
		}
	}
	if (len > INT32_MAX) {
		fc_report(&fc, "validator-limit", 0, 0,
			  "document larger than 2 GiB");
		return 0;
	}

	/*
	 * The encoding, as a consumer must decide it (RFC 7303 §3.2: BOM,
	 * HTTP charset, XML declaration, UTF-8), and every fault of the bytes
	 * in it; see charset.c.
	 */
	fc_charset_info_init(&ci);
	crc = fc_charset_resolve_ex(bytes, len, t ? t->charset : NULL,
				    t ? t->media_type : NULL, source,
				    o->consumed ? charset_consumed : NULL, (void *)o,
				    &ci, &r->diags);
	if (crc < 0) {
		fc_charset_info_release(&ci);
		return -1;
	}
	if (ci.unknown) {
		/* XML 1.0 §4.3.3: nothing can be read in an unknown encoding */
		take_encoding(r, &ci);
		goto out;
	}
	if (!fc_charset_is_utf8(ci.used) || !ci.decodes) {
		/*
		 * A legacy encoding, UTF-16/32, or bytes invalid in the encoding
		 * (already reported, with their positions, by the charset
		 * module): decode with iconv, the bad sequences as U+FFFD, and
		 * parse the UTF-8, so that the rest of the document is checked
		 * and libxml2 does not report the same bytes again.
		 */
		int drc = fc_charset_decode(bytes + ci.bom_len, len - ci.bom_len,
					    ci.used, MAX_DECODED, &r->text,
					    &r->text_len);
		if (drc == -1) {
			fc_report(&fc, "validator-limit", 0, 0,
				  "the document decoded to UTF-8 is larger than "
				  "1 GiB or memory ran out");
			take_encoding(r, &ci);
			goto out;
		}
		if (drc == -2) {
			take_encoding(r, &ci);
			goto out;
		}
		decoded = 1;
		fc.bytes = r->text;
		fc.len = r->text_len;
	} else if (ci.bom_len) {
		fc.bytes = bytes + ci.bom_len;
		fc.len = len - ci.bom_len;
	}
	faulty = !ci.decodes || ci.bom_len || decoded;
	take_encoding(r, &ci);
	/* W3C ObscureEncoding, against the WHATWG Encoding Standard */
	if (r->enc.declared && !fc_charset_whatwg(r->enc.declared))
		fc_report(&fc, "charset-obscure-label", 1, 1, "the encoding "
			  "label '%.40s' is not in the WHATWG Encoding Standard; "
			  "many readers do not know it: use utf-8",
			  r->enc.declared);
	fc_charset_info_release(&ci);
	fc.utf8ish = 1;
	for (i = 0; i < fc.len && IS_SPACE(fc.bytes[i]); i++)
		;
	if (fc.len == 0 || i == fc.len) {
		fc_report(&fc, "not-a-feed", 0, 0, "the document is empty");
		goto out;
	}
	first_parse_diag = r->diags.n;
	if (fc.len >= 3 && !memcmp(fc.bytes, "\xEF\xBB\xBF", 3)) {
		/* XML 1.0 §4.3.3, Appendix F: one BOM, before the document */
		fc_report(&fc, "xml-not-well-formed", 1, 1,
			  "a second byte order mark (U+FEFF) after the first: "
			  "the document does not start with '<'; remove it");
		goto offsets;
	}
	if (fc.bytes[i] != '<' && (faulty || ebcdic(bytes, len))) {
		/* not "document is empty": the encoding is the cause */
		char msg[300];
		fc_report(&fc, "xml-not-well-formed", 1, 1, "%s",
			  mismatch_message(r, bytes, len, msg, sizeof(msg)));
		goto offsets;
	}
	/* text that is not markup: neither XML nor (tried first) JSON */
	if (fc_page_text(&fc, i))
		goto offsets;
	if (fc_doctype_scan(&fc, fc.bytes, fc.len))
		goto offsets;
	fc.ids = fc_idset_new();
	if (!fc.ids)
		return -1;
	{
		/* the mapped pages are those of the original bytes only */
		struct fc_options po = *o;
		const struct fc_options *keep = fc.o;
		struct shifted sh;
		if (decoded || !o->consumed) {
			po.consumed = NULL;
		} else {
			/* the parse is a new pass: the charset module's pages
			 * can go; its offsets are past the BOM */
			o->consumed(o->consumed_arg, 0);
			sh.o = o;
			sh.by = (size_t)(fc.bytes - bytes);
			po.consumed = shifted_consumed;
			po.consumed_arg = &sh;
		}
		fc.o = &po;
		rc = fc_vocabs_open(&fc) < 0 ? -1 : fc_xml_parse(&fc);
		fc_vocabs_close(&fc);
		fc.o = keep;
	}
	/* no feed: a web page, perhaps, which libxml2's HTML parser can tell */
	if (fc.fmt == FC_FORMAT_UNKNOWN && rc == 0 &&
	    fc_page_check(&fc, first_parse_diag) < 0)
		rc = -1;
offsets:
	if (decoded) {
		/* byte offsets of the parse are in r->text, not in bytes */
		for (i = first_parse_diag; i < r->diags.n; i++)
			r->diags.v[i].offset = -1;
	} else if (fc.bytes != bytes) {
		for (i = first_parse_diag; i < r->diags.n; i++)
			if (r->diags.v[i].offset >= 0)
				r->diags.v[i].offset += (long long)(fc.bytes - bytes);
	}
out:
	fc_charset_info_release(&ci);
	sort_diags(&r->diags);
	r->format = fc.fmt;
	free(fc.st);
	fc_idset_free(fc.ids);
	free(fc.entsz);
	fc_html_release(&fc);
	return rc;
}
