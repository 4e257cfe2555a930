/*
 * What tells two versions of an article apart (likeness.c), and the
 * thresholds the matching of state_ident.c takes from it: a corrected
 * paragraph or a rewritten one of five stays well above 0.5, unrelated
 * articles stay well below 0.25, in Chinese and in English.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"
#include "likeness.h"
#include "test.h"

/* five paragraphs of a city paper's article, and a sixth to swap in */
static const char *const zh[] = {
	"7月12日，缅甸驻重庆总领事馆正式开馆，这是在渝设立的第13家外国领事机构。近年来，重庆对外交往合作不断深化，国际友城和友好交流城市数量稳步增加。",
	"据市外办介绍，今年以来全市共接待来访外国代表团四十余批次，举办各类国际会议和论坛二十余场，涉及经贸、教育、文化、卫生等多个领域。",
	"在两江新区，一批外资企业相继落户，带动了上下游产业链的集聚。园区负责人表示，良好的营商环境和完善的配套服务是吸引企业的重要原因。",
	"与此同时，中欧班列（成渝）开行数量持续增长，西部陆海新通道辐射范围不断扩大，为内陆开放高地建设提供了坚实支撑。",
	"下一步，重庆将继续加快建设中西部国际交往中心，提升城市国际化水平，让更多国际元素融入市民生活。",
};
static const char zh_other[] =
	"受持续降雨影响，长江重庆段水位快速上涨，部分滨江路段实行临时交通管制，市民出行请注意绕行。";
/* an unrelated article of the same paper */
static const char *const zh2[] = {
	"记者从市教委获悉，今年秋季学期全市新增中小学学位三万余个，新建改扩建学校六十余所，基本满足适龄儿童入学需求。",
	"在渝北区一所新建小学，崭新的教学楼、标准化运动场和功能齐全的实验室已经投入使用，学生们在宽敞明亮的教室里开始了新学期的学习。",
	"市教委相关负责人表示，将进一步优化教育资源配置，推动城乡义务教育均衡发展，让每个孩子都能享有公平而有质量的教育。",
	"此外，全市还将加强教师队伍建设，通过招聘、培训和交流等方式，提升教师整体素质和教学水平。",
};
static const char *const en[] = {
	"The city council voted on Tuesday to extend the riverside tram line by four stations, a project that has been debated for more than a decade.",
	"Supporters said the extension would cut commuting times for tens of thousands of residents in the eastern districts and ease traffic on the old bridge.",
	"Opponents questioned the cost, estimated at 310 million, and asked whether the money would be better spent on buses and cycle lanes.",
	"Construction is expected to begin next spring, with the first trams running on the new stretch by the end of the following year.",
	"The mayor called the decision a turning point for public transport in the region and thanked residents for their patience.",
};
static const char en_other[] =
	"Heavy rain flooded several underpasses overnight, and the fire service pumped water from basements in the old town until the early morning.";
static const char *const en2[] = {
	"The national museum reopened its east wing on Saturday after a three-year renovation that restored the original glass roof.",
	"Visitors queued around the block to see the collection of medieval manuscripts, many of them shown to the public for the first time.",
	"Curators said the new climate control system would allow fragile works to stay on display for longer periods.",
	"Admission remains free on the first Sunday of every month, and guided tours are offered in six languages.",
};

/* paragraphs p[0..n) as md4c renders them, paragraph k replaced by repl
 * when it is not NULL */
static char *html_of(const char *const *p, size_t n, size_t k, const char *repl)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; i < n; i++)
		len += strlen(i == k && repl ? repl : p[i]) + 8;
	if (!(s = malloc(len)))
		return NULL;
	*s = '\0';
	for (i = 0; i < n; i++) {
		strcat(s, "<p>");
		strcat(s, i == k && repl ? repl : p[i]);
		strcat(s, "</p>\n");
	}
	return s;
}

static double like(const char *t1, const char *h1, const char *t2, const char *h2,
		   struct likeness *a, struct likeness *b)
{
	likeness_of(t1, h1, a);
	likeness_of(t2, h2, b);
	return likeness_jaccard(a, b);
}

/* a corrected sentence: one word of paragraph k replaced */
static char *corrected(const char *const *p, size_t n, size_t k, const char *from,
		       const char *to)
{
	const char *at = strstr(p[k], from);
	char *para = malloc(strlen(p[k]) + strlen(to) + 1), *h;

	if (!at || !para)
		return NULL;
	memcpy(para, p[k], (size_t)(at - p[k]));
	strcpy(para + (at - p[k]), to);
	strcat(para, at + strlen(from));
	h = html_of(p, n, k, para);
	free(para);
	return h;
}

static void pair_checks(const char *lang, const char *const *p, size_t n,
			const char *other, const char *const *p2, size_t n2,
			const char *from, const char *to)
{
	struct likeness a, b;
	char *h = html_of(p, n, (size_t)-1, NULL), *h2;
	double j;

	h2 = html_of(p, n, (size_t)-1, NULL);
	j = like("T", h, "T", h2, &a, &b);
	CHECK(j == 1.0 && a.body == b.body && a.lead == b.lead && a.body && a.lead,
	      "%s: the same text: similarity 1, the same words and lead", lang);
	free(h2);

	h2 = corrected(p, n, 2, from, to);
	j = like("T", h, "T", h2, &a, &b);
	CHECK(j >= 0.75 && a.body != b.body && a.lead == b.lead,
	      "%s: a corrected word in the third paragraph: %.2f >= 0.75, the lead the same", lang, j);
	free(h2);

	h2 = html_of(p, n, 3, other);
	j = like("T", h, "T2", h2, &a, &b);
	CHECK(j >= 0.5 && a.title != b.title,
	      "%s: one paragraph of five rewritten, the title corrected: %.2f >= 0.5 (J_TEXT)", lang, j);
	free(h2);

	h2 = html_of(p, n, 0, other);
	j = like("T", h, "T", h2, &a, &b);
	CHECK(j >= 0.5 && a.lead != b.lead,
	      "%s: the lead rewritten: %.2f >= 0.5, the leads differ", lang, j);
	free(h2);

	h2 = html_of(p2, n2, (size_t)-1, NULL);
	j = like("T", h, "U", h2, &a, &b);
	CHECK(j < 0.15, "%s: an unrelated article: %.2f < 0.15, far below 0.25 (J_PLACE)", lang, j);
	free(h2);
	free(h);
}

int main(void)
{
	struct likeness a, b;

	pair_checks("Chinese", zh, 5, zh_other, zh2, 4, "一批外资企业", "多家外资企业");
	pair_checks("English", en, 5, en_other, en2, 4, "310 million", "320 million");

	/* words: case, punctuation and markup do not count */
	likeness_of("Tram Line: Extended!", "<p>A <em>b</em> c&amp;d</p>", &a);
	likeness_of("tram line extended", "<p>a b c d</p>", &b);
	CHECK(a.title == b.title && a.title, "a title's words: case and punctuation do not count");
	CHECK(a.words == 4 && b.words == 4, "markup and references separate words: 4 words (%zu, %zu)",
	      a.words, b.words);
	likeness_of("加快建设“国际范”", "", &a);
	likeness_of("加快建设 国际范", "", &b);
	CHECK(a.title == b.title && a.title, "Chinese titles: full-width punctuation does not count");
	likeness_of("", "", &a);
	CHECK(!a.title && !a.body && !a.lead && !a.n, "no text: nothing to compare");
	likeness_of("t", "<p>一二</p>", &a);
	likeness_of("t", "<p>一二</p>", &b);
	CHECK(a.n == 1 && likeness_jaccard(&a, &b) == 1.0,
	      "a text too short to shingle is compared whole");
	CHECK(!a.body && !a.lead, "... but has no words' hash to match alone (fewer than 8)");
	return TEST_DONE();
}
