/*
 * writer_out.c - what the Atom, RSS and JSON Feed writers share
 * (writer_int.h): strings cleaned of what XML forbids.
 */
#include <string.h>

#include "utf8.h"
#include "writer_int.h"

const xmlChar *writer_clean(struct out *o, const char *s)
{
	ft_buf_reset(&o->tmp);
	if (!s)
		s = "";
	if (ft_xml_clean_append(&o->tmp, s, strlen(s)) < 0) {
		o->failed = 1;
		return BAD_CAST "";
	}
	return BAD_CAST(o->tmp.data ? o->tmp.data : "");
}
