/*
 * byline.h - recognising bylines, photo credits and leads on a page's
 * lines (byline.c), for the splitter; exposed for the unit tests.
 */
#ifndef FEEDGEN_BYLINE_H
#define FEEDGEN_BYLINE_H

#include <stddef.h>

#include "article.h"

/*
 * Byline and credit recognition, exposed for the unit tests.  Returns
 *   BYLINE_AUTHORS  a byline: names its authors, the lead author first
 *                   (staff, then correspondents, trainees, interns; a
 *                   name printed before any role leads), or the role
 *                   alone when it signs the article ("本报评论员");
 *   BYLINE_CREDIT   a photo credit: names its photographers, and
 *                   agencies (may be NULL) the agencies it names
 *                   ("摄/视觉重庆", "新华社发", "新华社记者 X 摄");
 *   BYLINE_EMPTY    a byline without a name ("□本报记者");
 *   BYLINE_NONE     anything else (nothing is added).
 */
enum byline_kind { BYLINE_NONE = 0, BYLINE_AUTHORS, BYLINE_CREDIT, BYLINE_EMPTY };
enum byline_kind byline_parse(const char *line, size_t n,
			      struct strlist *names, struct strlist *agencies);
/* The paper's own lead, "本报讯 (记者 孙宁)7月12日...": names appended,
 * and the offset of the text after it (0 if none; never an agency's) */
size_t byline_lead(const char *line, size_t n, struct strlist *names);
/* An agency's dateline at the start of a paragraph, "新华社北京7月12日电
 * (记者 张三 李四)": the agency appended to agencies, the reporters in
 * the parentheses to names; 1, 0 when there is none, -1 (no memory). */
int byline_dateline(const char *line, size_t n, struct strlist *names,
		    struct strlist *agencies);
/* The agency a name starts with (新华社, 人民日报, 视觉重庆, any 2-8 Han
 * characters ending in 社, 报 or 网 but 本报): its length in bytes, or 0. */
size_t byline_agency_len(const char *s, size_t n);

/* White space between byline tokens: ASCII, U+3000 and U+00A0; its length
 * in bytes at s, 0 if none. */
size_t byline_space_len(const char *s, size_t n);

#endif
