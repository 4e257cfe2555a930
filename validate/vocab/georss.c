/*
 * georss.c - GeoRSS Simple (georss.org/simple: point, line, polygon, box,
 * circle, elev, floor, radius, featureTypeTag, relationshipTag,
 * featureName) and GeoRSS GML (georss:where holding gml:Point, LineString,
 * Polygon or Envelope).
 */
#include "vocab.h"
#include "value.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"

#define CH (BIT(CX_CHANNEL) | BIT(CX_RCHANNEL) | BIT(CX_FEED))
#define IT (BIT(CX_ITEM) | BIT(CX_RITEM) | BIT(CX_ENTRY))
#define PL (CH | IT)
#define GML BIT(CX_GML)

static const struct elrule georss_rules[] = {
	/* GeoRSS Simple: one of the shapes, and its properties */
	{ PL, NS_GEORSS, "point", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "line", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "polygon", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "box", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "circle", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "featureTypeTag", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "relationshipTag", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "featureName", CX_LEAF, 0, 0, VT_ANY },
	{ PL, NS_GEORSS, "elev", CX_LEAF, 0, 1, VT_FLOAT },
	{ PL, NS_GEORSS, "floor", CX_LEAF, 0, 1, VT_INT },
	{ PL, NS_GEORSS, "radius", CX_LEAF, 0, 1, VT_FLOAT },
	/* GeoRSS GML: the GML Simple Features profile */
	{ PL, NS_GEORSS, "where", CX_GML, 0, 0, VT_NONE },
	{ GML, NS_GML, "Point", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "LineString", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "Polygon", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "Envelope", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "exterior", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "interior", CX_GML, 0, 0, VT_NONE },
	{ GML, NS_GML, "LinearRing", CX_GML, 0, 1, VT_NONE },
	{ GML, NS_GML, "pos", CX_LEAF, 0, 1, VT_ANY },
	{ GML, NS_GML, "posList", CX_LEAF, 0, 1, VT_ANY },
	{ GML, NS_GML, "lowerCorner", CX_LEAF, 0, 1, VT_ANY },
	{ GML, NS_GML, "upperCorner", CX_LEAF, 0, 1, VT_ANY },
	{ 0, 0, NULL, 0, 0, 0, 0 }
};

#define MAX_COORDS 100000   /* numbers looked at in one element */

/*
 * The numbers of a coordinate list: white space separated; GeoRSS Simple
 * allows commas too ("parsers should just treat commas as whitespace").
 * Returns how many, -1 when a token is not a number (*bad set); checks
 * each pair's latitude and longitude (lat first, as GeoRSS orders them)
 * and whether the first pair equals the last (*closed).
 */
static long coords(const char *s, int *comma, int *range, int *closed,
		   double first[2], const char **bad)
{
	long n = 0;
	double prev[2] = { 0, 0 };

	*comma = *range = 0;
	*bad = NULL;
	first[0] = first[1] = 0;
	for (;;) {
		char *e;
		double d;
		while (IS_SPACE(*s) || *s == ',') {
			if (*s == ',')
				*comma = 1;
			s++;
		}
		if (!*s)
			break;
		if (!(IS_DIGIT(*s) || *s == '-' || *s == '+' || *s == '.')) {
			*bad = s;
			return -1;
		}
		d = strtod(s, &e);
		if (e == s || (*e && !IS_SPACE(*e) && *e != ',')) {
			*bad = s;
			return -1;
		}
		s = e;
		if (n % 2 == 0 && (d < -90 || d > 90))
			*range = 1;
		if (n % 2 == 1 && (d < -180 || d > 180))
			*range = 1;
		if (n < 2)
			first[n] = d;
		prev[n % 2] = d;
		if (++n >= MAX_COORDS)
			break;
	}
	*closed = n >= 2 && first[0] == prev[0] && first[1] == prev[1];
	return n;
}

static void georss_end(struct fc *fc, struct frame *f, void *state)
{
	const char *t = f->text.data ? f->text.data : "", *bad, *l = f->local;
	int comma, range, closed;
	double first[2];
	long n, want_min = 0, want_max = 0;
	int pair = 0, ring = 0, circle = 0;

	(void)state;
	if (f->ctx != CX_LEAF || (f->ns != NS_GEORSS && f->ns != NS_GML))
		return;
	if (f->ns == NS_GEORSS) {
		if (!strcmp(l, "point"))
			pair = 1;
		else if (!strcmp(l, "line"))
			want_min = 4;
		else if (!strcmp(l, "polygon"))
			want_min = 8, ring = 1;
		else if (!strcmp(l, "box"))
			want_min = want_max = 4;
		else if (!strcmp(l, "circle"))
			circle = 1;
		else
			return;
	} else {
		if (!strcmp(l, "pos") || !strcmp(l, "lowerCorner") ||
		    !strcmp(l, "upperCorner"))
			pair = 1;
		else if (!strcmp(l, "posList")) {
			struct frame *p = fc_parent(fc, f);
			want_min = p && !strcmp(p->local, "LinearRing") ? 8 : 4;
			ring = want_min == 8;
		} else
			return;
	}
	n = coords(t, &comma, &range, &closed, first, &bad);
	if (circle && n == 3)
		range = first[0] < -90 || first[0] > 90 || first[1] < -180 ||
			first[1] > 180;
	if (n < 0) {
		fc_report_at(fc, f, pair ? "georss-invalid-coord"
					 : "georss-invalid-coord-list",
			     "'%s' holds '%.20s', which is not a number",
			     f->qname, bad);
		return;
	}
	if (comma && f->ns == NS_GEORSS)
		fc_report_at(fc, f, "georss-coord-comma",
			     "'%s' separates its numbers with commas; GeoRSS "
			     "Simple reads them as white space", f->qname);
	if (pair || circle) {
		/* "lat lon", a circle "lat lon radius" */
		if (n != (circle ? 3 : 2) || range)
			fc_report_at(fc, f, "georss-invalid-coord",
				     "'%s' must be %s: '%.60s'", f->qname,
				     circle ? "a latitude, a longitude and a "
					      "radius in metres"
					    : "a latitude (-90 to 90) and a "
					      "longitude (-180 to 180)", t);
		return;
	}
	if (n % 2 || n < want_min || (want_max && n > want_max))
		fc_report_at(fc, f, "georss-invalid-coord-list",
			     "'%s' needs %s%ld numbers (latitude, longitude "
			     "pairs), not %ld", f->qname,
			     want_max ? "" : "an even count of at least ",
			     want_min, n);
	else if (range)
		fc_report_at(fc, f, "georss-invalid-coord-list",
			     "'%s' holds a latitude outside -90 to 90 or a "
			     "longitude outside -180 to 180", f->qname);
	else if (ring && !closed)
		fc_report_at(fc, f, "georss-invalid-coord-list",
			     "the ring of '%s' must end at the point it starts "
			     "at", f->qname);
}

const struct fc_vocab fc_vocab_georss = {
	.name = "georss",
	.ns = BIT(NS_GEORSS) | BIT(NS_GML),
	.rules = georss_rules,
	.hooks = { NULL, georss_end, NULL },
};
