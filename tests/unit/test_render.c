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

	/* one md_html() pass for bodies whose captions are plain; the others
	 * part by part: both give the same figures */
	s = html("甲。\n\n▲说明一  \n记者 张三 摄\n\n乙。\n\n▲说明二");
	CHECK_STR(s, "<p>甲。</p>\n"
		  "<figure><figcaption>说明一<br />\n记者 张三 摄</figcaption></figure>\n"
		  "<p>乙。</p>\n<figure><figcaption>说明二</figcaption></figure>\n",
		  "two plain captions with a credit line, one pass");
	free(s);
	s = html("甲。\n\n▲*说明*\n\n▲说明二");
	CHECK_STR(s, "<p>甲。</p>\n"
		  "<figure><figcaption><em>说明</em></figcaption></figure>\n"
		  "<figure><figcaption>说明二</figcaption></figure>\n",
		  "a caption starting with Markdown, part by part");
	free(s);
	s = html("▲说明\n# 标题");
	CHECK_STR(s, "<figure><figcaption><p>说明</p>\n<h1>标题</h1>\n</figcaption></figure>\n",
		  "a caption whose next line starts a block, part by part");
	free(s);
	s = html("```\n代码\n\n▲不是说明\n```\n\n▲说明");
	CHECK(s && strstr(s, "<figure><figcaption>说明</figcaption></figure>\n"),
	      "the last caption is a figure whatever the code block does");
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
