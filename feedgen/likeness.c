/*
 * likeness.c - words, shingles and sketches of an article's text, and the
 * similarity of two (likeness.h).
 */
#include "likeness.h"

#include <string.h>

#include "ascii.h"
#include "fnv.h"
#include "utf8.h"

/* Han (CJK unified ideographs and their extensions, compatibility
 * ideographs, radicals), kana, Hangul and Bopomofo: a word each. */
static int is_ideograph(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x30FF) ||
	       (c >= 0x3100 && c <= 0x312F) || (c >= 0x3190 && c <= 0x31FF) ||
	       (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x3FFFF);
}

/* Punctuation and symbols past ASCII: Latin-1's, general punctuation,
 * CJK punctuation, the full-width forms' punctuation, the specials. */
static int is_separator(uint32_t c)
{
	return (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
	       (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	       (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	       (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	       (c >= 0xFF5B && c <= 0xFF65) || (c >= 0xFFF0 && c <= 0xFFFF);
}

/* splitmix64's finalizer: every bit of x in every bit of the result */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Reading one text's words. */
struct words {
	uint64_t all;           /* the words so far */
	size_t n;
	uint64_t w[LIKE_WORDS]; /* the last words */
	struct likeness *out;
};

/* v into the sketch: kept when among the LIKE_SKETCH smallest so far */
static void sketch_add(struct likeness *l, uint64_t v)
{
	size_t lo = 0, hi = l->n;

	if (l->n == LIKE_SKETCH && v >= l->sketch[LIKE_SKETCH - 1])
		return;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (l->sketch[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < l->n && l->sketch[lo] == v)
		return;
	if (l->n < LIKE_SKETCH)
		l->n++;
	memmove(l->sketch + lo + 1, l->sketch + lo,
		(l->n - 1 - lo) * sizeof(l->sketch[0]));
	l->sketch[lo] = v;
}

static void word(struct words *ws, uint64_t h)
{
	uint64_t sh = 0;
	int i;

	ws->all = mix(ws->all ^ h) + 1;
	memmove(ws->w, ws->w + 1, (LIKE_WORDS - 1) * sizeof(ws->w[0]));
	ws->w[LIKE_WORDS - 1] = h;
	if (++ws->n < LIKE_WORDS)
		return;
	for (i = 0; i < LIKE_WORDS; i++)
		sh = mix(sh ^ ws->w[i]);
	sketch_add(ws->out, sh);
}

/*
 * The words of s[0..len) (html: its tags and references are separators)
 * to ws; with html, *lead_end (when given) gets how many words came before
 * the first paragraph's end.
 */
static void words_of(const char *s, size_t len, int html, struct words *ws,
		     size_t *lead_end)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	uint64_t h = FT_FNV_INIT;
	int in_word = 0;

	while (i < len) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t k;

		if (c < 0x80) {
			if (IS_ALNUM(c)) {
				h = ft_fnv1a(h, &(unsigned char){ (unsigned char)TO_LOWER(c) }, 1);
				in_word = 1;
				i++;
				continue;
			}
			if (in_word)
				word(ws, h);
			in_word = 0;
			h = FT_FNV_INIT;
			if (html && c == '<') {
				const unsigned char *gt = memchr(p + i, '>', len - i);
				if (lead_end && !*lead_end && ws->n && !strncmp((const char *)p + i, "</p>", 4))
					*lead_end = ws->n;
				i = gt ? (size_t)(gt - p) + 1 : len;
				continue;
			}
			if (html && c == '&') {
				const unsigned char *semi = memchr(p + i, ';', len - i < 12 ? len - i : 12);
				i = semi ? (size_t)(semi - p) + 1 : i + 1;
				continue;
			}
			i++;
			continue;
		}
		k = ft_utf8_decode(p + i, len - i, &cp);
		if (!k) {
			cp = 0xFFFD;
			k = 1;
		}
		if (is_ideograph(cp) || is_separator(cp)) {
			if (in_word)
				word(ws, h);
			in_word = 0;
			h = FT_FNV_INIT;
			if (!is_separator(cp))
				word(ws, ft_fnv1a(FT_FNV_INIT, p + i, k));
		} else {
			h = ft_fnv1a(h, p + i, k);
			in_word = 1;
		}
		i += k;
	}
	if (in_word)
		word(ws, h);
}

void likeness_of(const char *title, const char *html, struct likeness *out)
{
	struct words ws;
	struct likeness scratch;
	size_t lead_end = 0;

	if (!title)
		title = "";
	if (!html)
		html = "";
	memset(out, 0, sizeof(*out));
	/* the title's words, and their hash alone */
	memset(&ws, 0, sizeof(ws));
	ws.out = &scratch;
	scratch.n = 0;
	words_of(title, strlen(title), 0, &ws, NULL);
	out->title = ws.n ? ws.all | 1 : 0;
	/* the text's: its sketch, its words' hash */
	memset(&ws, 0, sizeof(ws));
	ws.out = out;
	words_of(html, strlen(html), 1, &ws, &lead_end);
	out->words = ws.n;
	out->body = ws.n >= 8 ? ws.all | 1 : 0;
	if (ws.n && ws.n < LIKE_WORDS)
		out->sketch[out->n++] = mix(ws.all);    /* too short to shingle */
	/* the lead's, its words up to the first paragraph's end */
	if (lead_end >= 4) {
		const char *end = strstr(html, "</p>");
		memset(&ws, 0, sizeof(ws));
		ws.out = &scratch;
		scratch.n = 0;
		words_of(html, end ? (size_t)(end - html) : strlen(html), 1, &ws, NULL);
		out->lead = ws.all | 1;
	}
}

double likeness_jaccard(const struct likeness *a, const struct likeness *b)
{
	size_t i = 0, j = 0, u = 0, both = 0, k;

	if (!a->n || !b->n)
		return 0;
	/* the smallest LIKE_SKETCH of the union: those in both sketches are
	 * in both sets (bottom-k sketches) */
	k = a->n < LIKE_SKETCH && b->n < LIKE_SKETCH ? a->n + b->n : LIKE_SKETCH;
	while (u < k && (i < a->n || j < b->n)) {
		if (j >= b->n || (i < a->n && a->sketch[i] < b->sketch[j])) {
			i++;
		} else if (i >= a->n || b->sketch[j] < a->sketch[i]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
		u++;
	}
	return (double)both / (double)u;
}
