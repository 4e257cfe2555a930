/* Rendering with md4c (figures, headings, escaping) and summary cutting. */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "test.h"
#include "utf8.h"

static char *html(const char *md)
{
	struct buf b = BUF_INIT(1 << 20);
	if (render_html(md, strlen(md), &b) < 0)
		return NULL;
	return ft_buf_detach(&b);
}

static char *summary(const char *md, size_t max)
{
	struct buf b = BUF_INIT(1 << 20);
	if (render_summary(md, strlen(md), max, &b) < 0)
		return NULL;
	return ft_buf_detach(&b);
}

int main(void)
{
	char *s, big[4096];
	size_t i;

	s = html("第一段。\n\n## 小标题\n\n▲图片说明。\n\n第二段  \n换行");
	CHECK_STR(s, "<p>第一段。</p>\n<h2>小标题</h2>\n"
		  "<figure><figcaption>图片说明。</figcaption></figure>\n"
		  "<p>第二段<br />\n换行</p>\n",
		  "paragraphs, h2, figure caption and line break");
	free(s);

	s = html("a <script>alert(1)</script> & b");
	CHECK_STR(s, "<p>a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b</p>\n",
		  "raw HTML in a page is shown as text");
	free(s);

	s = html("▲说明 **加粗**");
	CHECK_STR(s, "<figure><figcaption>说明 <strong>加粗</strong></figcaption></figure>\n",
		  "caption keeps inline Markdown");
	free(s);

	/* one md_html() pass over the whole body; every caption paragraph
	 * of the body is a figure (figure.c) */
	s = html("甲。\n\n▲说明一  \n记者 张三 摄\n\n乙。\n\n▲说明二");
	CHECK_STR(s, "<p>甲。</p>\n"
		  "<figure><figcaption>说明一<br />\n记者 张三 摄</figcaption></figure>\n"
		  "<p>乙。</p>\n<figure><figcaption>说明二</figcaption></figure>\n",
		  "two captions with a credit line");
	free(s);
	s = html("甲。\n\n▲*说明*\n\n▲ 说明二");
	CHECK_STR(s, "<p>甲。</p>\n"
		  "<figure><figcaption><em>说明</em></figcaption></figure>\n"
		  "<figure><figcaption>说明二</figcaption></figure>\n",
		  "a caption starting with Markdown; the blank after the mark goes");
	free(s);
	/* Markdown's reading holds: a heading on the caption's next line is
	 * the article's, code is code, a list's item and a quote stay */
	s = html("▲说明\n# 标题");
	CHECK_STR(s, "<figure><figcaption>说明</figcaption></figure>\n<h1>标题</h1>\n",
		  "a caption whose next line starts a heading: the heading follows the figure");
	free(s);
	s = html("```\n代码\n\n▲不是说明\n```\n\n▲说明");
	CHECK_STR(s, "<pre><code>代码\n\n▲不是说明\n</code></pre>\n"
		  "<figure><figcaption>说明</figcaption></figure>\n",
		  "a caption mark in code is code; the caption after it is a figure");
	free(s);
	s = html("- 甲\n\n- ▲乙\n\n> ▲丙");
	CHECK_STR(s, "<ul>\n<li><p>甲</p>\n</li>\n<li><p>▲乙</p>\n</li>\n</ul>\n"
		  "<blockquote>\n<p>▲丙</p>\n</blockquote>\n",
		  "a mark in a list item or a quote is not a figure");
	free(s);
	s = html("甲▲乙\n\na &lt;p&gt;▲ b\n\n▲");
	CHECK_STR(s, "<p>甲▲乙</p>\n<p>a &lt;p&gt;▲ b</p>\n"
		  "<figure><figcaption></figcaption></figure>\n",
		  "a mark inside a paragraph, or after escaped markup, is text; a mark alone is an empty caption");
	free(s);
	/* the photo just before a caption goes into its figure */
	s = html("![桥](1.jpg)\n\n▲大桥。\n\n[![江](2.jpg)](2-big.jpg)\n\n▲江景。");
	CHECK_STR(s, "<figure><img src=\"1.jpg\" alt=\"桥\" /><figcaption>大桥。</figcaption></figure>\n"
		  "<figure><a href=\"2-big.jpg\"><img src=\"2.jpg\" alt=\"江\" /></a>"
		  "<figcaption>江景。</figcaption></figure>\n",
		  "an image, or a linked image, then its caption: one figure");
	free(s);
	s = html("![桥](1.jpg)\n\n甲。\n\n▲大桥。\n\n![a](a.jpg) ![b](b.jpg)\n\n▲两张。\n\n![c](c.jpg)");
	CHECK_STR(s, "<p><img src=\"1.jpg\" alt=\"桥\" /></p>\n<p>甲。</p>\n"
		  "<figure><figcaption>大桥。</figcaption></figure>\n"
		  "<p><img src=\"a.jpg\" alt=\"a\" /> <img src=\"b.jpg\" alt=\"b\" /></p>\n"
		  "<figure><figcaption>两张。</figcaption></figure>\n"
		  "<p><img src=\"c.jpg\" alt=\"c\" /></p>\n",
		  "an image not just before a caption, two images, an image after: no figure of theirs");
	free(s);
	s = html("![\"<桥>\" & 江](1.jpg \"标题 />\")\n\n▲说明");
	CHECK_STR(s, "<figure><img src=\"1.jpg\" alt=\"&quot;&lt;桥&gt;&quot; &amp; 江\" title=\"标题 /&gt;\" />"
		  "<figcaption>说明</figcaption></figure>\n",
		  "an image whose alt and title hold markup and quotes");
	free(s);

	s = summary("## 标题\n\n▲说明\n\n第一段。第二句！\n\n第二段", 140);
	CHECK_STR(s, "第一段。第二句！", "summary: first ordinary paragraph");
	free(s);

	/* credits standing alone are shown, but are not the text */
	s = summary("视觉重庆签约摄影师 李红光  \n黄祖伟 摄\n\n正文第一段。", 140);
	CHECK_STR(s, "正文第一段。", "summary: not a paragraph of credit lines");
	free(s);
	/* a photo alone: its caption, with its credit */
	s = summary("![夜景](a.jpg)\n\n▲江北嘴夜景。（记者 谢智强 摄/视觉重庆）", 140);
	CHECK_STR(s, "江北嘴夜景。（记者 谢智强 摄/视觉重庆）", "summary: a photo alone has its caption");
	free(s);

	/* longer than max: cut after the last sentence end within max */
	strcpy(big, "");
	for (i = 0; i < 30; i++)
		strcat(big, "一二三四五。");   /* 6 characters each */
	s = summary(big, 140);
	CHECK_INT(ft_utf8_chars(s, strlen(s)), 138, "cut after the last 。 within 140");
	CHECK(s && strlen(s) >= 3 && !strcmp(s + strlen(s) - 3, "。"), "ends with 。");
	free(s);

	/* no sentence end: cut at max characters, on a character boundary */
	strcpy(big, "");
	for (i = 0; i < 200; i++)
		strcat(big, "字");
	s = summary(big, 140);
	CHECK(s && ft_utf8_valid(s, strlen(s), NULL), "cut never splits a UTF-8 sequence");
	CHECK_INT(ft_utf8_chars(s, strlen(s)), 141, "140 characters and an ellipsis");
	CHECK(s && !strcmp(s + strlen(s) - 3, "…"), "ellipsis added");
	free(s);

	/* a sentence end too early is not used */
	strcpy(big, "短。");
	for (i = 0; i < 200; i++)
		strcat(big, "字");
	s = summary(big, 140);
	CHECK_INT(ft_utf8_chars(s, strlen(s)), 141, "too-early sentence end ignored");
	free(s);

	/* closing quote after the stop stays with the sentence */
	strcpy(big, "");
	for (i = 0; i < 12; i++)
		strcat(big, "“一二三四五六七八九十。”");
	s = summary(big, 140);
	CHECK(s && !strcmp(s + strlen(s) - 6, "。”"), "closing quote kept with its sentence");
	free(s);

	s = summary("short", 140);
	CHECK_STR(s, "short", "short paragraph kept whole");
	free(s);
	s = summary("", 140);
	CHECK_STR(s, "", "empty body, empty summary");
	free(s);
	return TEST_DONE();
}
