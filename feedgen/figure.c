/*
 * figure.c - captions as figures, with the photo before each (figure.h).
 */
#include "figure.h"

#include <string.h>

#include "article.h"

#define MARK_LEN (sizeof(CAPTION_MARK) - 1)

enum { TAG_OPEN, TAG_CLOSE, TAG_VOID };

/* A stretch of the HTML: [start, end). */
struct span {
	size_t start, end;
};

/* The next tag at or after *pos in s[0..n): 1 (in *t, its kind in *kind),
 * 0 at the end, -1 for a '<' that nothing closes. */
static int next_tag(const char *s, size_t n, size_t *pos, struct span *t,
		    int *kind)
{
	const char *lt = memchr(s + *pos, '<', n - *pos), *gt;

	if (!lt)
		return 0;
	if (!(gt = memchr(lt, '>', (size_t)(s + n - lt))))
		return -1;
	t->start = (size_t)(lt - s);
	t->end = (size_t)(gt - s) + 1;
	*pos = t->end;
	*kind = lt[1] == '/' ? TAG_CLOSE : gt[-1] == '/' ? TAG_VOID : TAG_OPEN;
	return 1;
}

/* The next block at depth 0 at or after *pos: 1 (in *b), 0 at the end, -1
 * when a tag is left open. */
static int next_block(const char *s, size_t n, size_t *pos, struct span *b)
{
	struct span t;
	int kind, depth, k;

	if ((k = next_tag(s, n, pos, &t, &kind)) <= 0)
		return k;
	b->start = t.start;
	if (kind == TAG_CLOSE)
		return -1;
	for (depth = kind == TAG_OPEN; depth > 0; ) {
		if ((k = next_tag(s, n, pos, &t, &kind)) <= 0)
			return -1;
		depth += kind == TAG_OPEN ? 1 : kind == TAG_CLOSE ? -1 : 0;
	}
	b->end = t.end;
	return 1;
}

static int starts(const char *s, size_t n, const char *with)
{
	size_t k = strlen(with);
	return n >= k && !memcmp(s, with, k);
}

/* The paragraph's content, when b is "<p>...</p>". */
static int para(const char *s, const struct span *b, struct span *in)
{
	if (!starts(s + b->start, b->end - b->start, "<p>") ||
	    b->end - b->start < 7 || memcmp(s + b->end - 4, "</p>", 4))
		return 0;
	in->start = b->start + 3;
	in->end = b->end - 4;
	return 1;
}

/* Is s[start..end) one tag named name ("img": the tag's name and a space)
 * of this kind? */
static int one_tag(const char *s, size_t start, size_t end, const char *name,
		   int want)
{
	struct span t;
	size_t pos = start;
	int kind;

	return next_tag(s, end, &pos, &t, &kind) == 1 && t.start == start &&
	       t.end == end && kind == want &&
	       starts(s + start + 1, end - start - 1, name);
}

/* A paragraph that holds one image and nothing else (the image may be a
 * link): that element's stretch in *img. */
static int lone_image(const char *s, const struct span *b, struct span *img)
{
	struct span in, t;
	size_t pos;
	int kind;

	if (!para(s, b, &in) || in.start == in.end || s[in.start] != '<')
		return 0;
	if (one_tag(s, in.start, in.end, "img ", TAG_VOID)) {
		*img = in;
		return 1;
	}
	/* <a ...><img ... /></a> */
	pos = in.start;
	if (next_tag(s, in.end, &pos, &t, &kind) != 1 || kind != TAG_OPEN ||
	    !(starts(s + t.start, in.end - t.start, "<a ") ||
	      starts(s + t.start, in.end - t.start, "<a>")) ||
	    in.end - pos < 4 || memcmp(s + in.end - 4, "</a>", 4) ||
	    !one_tag(s, pos, in.end - 4, "img ", TAG_VOID))
		return 0;
	*img = in;
	return 1;
}

static int blank(const char *s, size_t start, size_t end)
{
	for (; start < end; start++)
		if (s[start] != '\n' && s[start] != ' ')
			return 0;
	return 1;
}

int figure_build(struct buf *html, size_t from)
{
	struct buf out = BUF_INIT(html->max);
	const char *s = html->data;
	size_t n = html->len, pos = from, at = from, photo_at = 0;
	struct span b, in, img, photo = { 0, 0 };
	int built = 0, k, r = -1;

	if (!s || !strstr(s + from, "<p>" CAPTION_MARK))
		return 0;
	while ((k = next_block(s, n, &pos, &b)) == 1) {
		if (!para(s, &b, &in) || !starts(s + in.start, in.end - in.start,
						  CAPTION_MARK)) {
			if (lone_image(s, &b, &img)) {
				photo = img;
				photo_at = out.len + (b.start - at);
			} else {
				photo.end = 0;
			}
			continue;
		}
		/* the text before the caption, less the photo's paragraph
		 * when only blanks come between */
		if (ft_buf_add(&out, s + at, b.start - at) < 0)
			goto done;
		if (photo.end && blank(s, photo.end + 4, b.start)) {
			out.len = photo_at;
			if (out.data)
				out.data[out.len] = '\0';
		} else
			photo.end = 0;
		for (in.start += MARK_LEN; in.start < in.end &&
		     (s[in.start] == ' ' || s[in.start] == '\t'); in.start++)
			;
		if (ft_buf_adds(&out, "<figure>") < 0 ||
		    (photo.end && ft_buf_add(&out, s + photo.start,
					     photo.end - photo.start) < 0) ||
		    ft_buf_adds(&out, "<figcaption>") < 0 ||
		    ft_buf_add(&out, s + in.start, in.end - in.start) < 0 ||
		    ft_buf_adds(&out, "</figcaption></figure>") < 0)
			goto done;
		at = b.end;
		photo.end = 0;
		built++;
	}
	if (k < 0 || !built) {
		r = 0;
		goto done;
	}
	if (ft_buf_add(&out, s + at, n - at) < 0)
		goto done;
	html->len = from;
	if (ft_buf_add(html, out.data, out.len) < 0)
		goto done;
	r = built;
done:
	ft_buf_release(&out);
	return r;
}
