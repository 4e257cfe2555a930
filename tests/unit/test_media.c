/* URLs made absolute (RFC 3986 section 5.4's examples), photos in their
 * figures, the first photo named from the collection, captions' credits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "article.h"
#include "media.h"
#include "render.h"
#include "test.h"

/* RFC 3986 section 5.4: base "http://a/b/c/d;p?q"; NULL: kept as written */
static const struct { const char *ref, *want; } rfc[] = {
	/* 5.4.1 normal examples */
	{ "g:h", NULL }, { "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" },
	{ "g/", "http://a/b/c/g/" }, { "/g", "http://a/g" }, { "//g", "http://g/" },
	{ "?y", "http://a/b/c/d;p?y" }, { "g?y", "http://a/b/c/g?y" },
	{ "#s", NULL }, { "g#s", "http://a/b/c/g#s" }, { "g?y#s", "http://a/b/c/g?y#s" },
	{ ";x", "http://a/b/c/;x" }, { "g;x", "http://a/b/c/g;x" },
	{ "g;x?y#s", "http://a/b/c/g;x?y#s" }, { "", "http://a/b/c/d;p?q" },
	{ ".", "http://a/b/c/" }, { "./", "http://a/b/c/" }, { "..", "http://a/b/" },
	{ "../", "http://a/b/" }, { "../g", "http://a/b/g" }, { "../..", "http://a/" },
	{ "../../", "http://a/" }, { "../../g", "http://a/g" },
	/* 5.4.2 abnormal examples */
	{ "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" },
	{ "/./g", "http://a/g" }, { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." },
	{ ".g", "http://a/b/c/.g" }, { "g..", "http://a/b/c/g.." },
	{ "..g", "http://a/b/c/..g" }, { "./../g", "http://a/b/g" },
	{ "./g/.", "http://a/b/c/g/" }, { "g/./h", "http://a/b/c/g/h" },
	{ "g/../h", "http://a/b/c/h" }, { "g;x=1/./y", "http://a/b/c/g;x=1/y" },
	{ "g;x=1/../y", "http://a/b/c/y" }, { "g?y/./x", "http://a/b/c/g?y/./x" },
	{ "g?y/../x", "http://a/b/c/g?y/../x" }, { "g#s/./x", "http://a/b/c/g#s/./x" },
	{ "g#s/../x", "http://a/b/c/g#s/../x" }, { "http:g", NULL },
	/* kept: other schemes */
	{ "mailto:news@example.com", NULL }, { "javascript:void(0)", NULL },
};

static char dir[] = "/tmp/test_media.XXXXXX";
static char coll[64], page_dir[96];

static void put(const char *path, const void *data, size_t n)
{
	FILE *fp = fopen(path, "wb");
	if (fp) {
		fwrite(data, 1, n, fp);
		fclose(fp);
	}
}

/* Markdown through render.c and media.c, as pages.c does. */
static char *rewrite(const char *md, const char *asset_base,
		     const struct strlist *credits, char **extra,
		     struct diag_list *dl, const char *text)
{
	struct buf b = BUF_INIT(1 << 20);
	struct media_where w;
	struct media_sniffer sn;
	char *real = realpath(coll, NULL);

	memset(&w, 0, sizeof(w));
	w.link = "https://news.example.com/epaper/2022-07-17/001-1.html";
	w.asset_base = asset_base;
	w.root = coll;
	w.root_real = real;
	w.page_dir = page_dir;
	w.file = "p.txt";
	w.text = text;
	w.text_len = text ? strlen(text) : 0;
	w.line = 1;
	w.credits = credits;
	w.sniff = &sn;
	media_sniffer_init(&sn);
	*extra = NULL;
	if (render_html(md, strlen(md), &b) < 0 ||
	    media_rewrite(&w, &b, extra, dl) < 0) {
		ft_buf_release(&b);
		media_sniffer_release(&sn);
		free(real);
		return NULL;
	}
	media_sniffer_release(&sn);
	free(real);
	return ft_buf_detach(&b);
}

static int has_rule(const struct diag_list *dl, const char *rule, long line)
{
	size_t i;
	for (i = 0; i < dl->n; i++)
		if (!strcmp(dl->v[i].rule, rule) && (!line || dl->v[i].line == line))
			return 1;
	return 0;
}

static struct tzspec tz8 = { 1, 8 * 3600, "" };

int main(void)
{
	/* a JPEG's header: JFIF, a frame of 3 x 2 pixels, a scan */
	static const unsigned char jpeg[] = { 0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10,
		'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
		0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x02, 0x00, 0x03, 0x01, 0x01, 0x11, 0x00,
		0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0xff, 0xd9 };
	struct strlist credits = { 0 };
	struct diag_list dl;
	struct media_photo ph;
	char *s, *extra, *out, path[256];
	const char *why;
	size_t i;
	int k;

	if (!mkdtemp(dir))
		return 1;
	snprintf(coll, sizeof(coll), "%s/c", dir);
	snprintf(page_dir, sizeof(page_dir), "%s/2022-07-17", coll);
	mkdir(coll, 0777);
	mkdir(page_dir, 0777);
	snprintf(path, sizeof(path), "%s/images", page_dir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/images/1.jpg", page_dir);
	put(path, jpeg, sizeof(jpeg));
	snprintf(path, sizeof(path), "%s/images/现场.jpg", page_dir);
	put(path, jpeg, sizeof(jpeg));
	snprintf(path, sizeof(path), "%s/images/fake.jpg", page_dir);
	put(path, "<html>not a photo</html>\n", 25);
	snprintf(path, sizeof(path), "%s/outside.jpg", dir);
	put(path, jpeg, sizeof(jpeg));
	snprintf(path, sizeof(path), "%s/images/link.jpg", page_dir);
	if (symlink("../../../outside.jpg", path) < 0)
		return 1;

	for (i = 0; i < sizeof(rfc) / sizeof(rfc[0]); i++) {
		k = media_resolve("http://a/b/c/d;p?q", rfc[i].ref, &out, &why);
		if (rfc[i].want)
			CHECK(k == MEDIA_RESOLVED && out && !strcmp(out, rfc[i].want),
			      "RFC 3986 5.4: '%s' -> '%s' (got '%s')", rfc[i].ref,
			      rfc[i].want, out ? out : "-");
		else
			CHECK(k == MEDIA_KEPT && !out, "RFC 3986 5.4: '%s' kept as written",
			      rfc[i].ref);
		free(out);
	}
	k = media_resolve("http://a/b/", "//bad%20host/x", &out, &why);
	CHECK(k == MEDIA_UNRESOLVED && why && !out, "a bad host cannot be resolved (%s)",
	      why ? why : "-");
	k = media_resolve("http://a/b/", "//b%C3%BCcher.de/x", &out, &why);
	CHECK(k == MEDIA_UNRESOLVED && !out,
	      "a host that libcurl decodes out of ASCII cannot be resolved (%s)",
	      why ? why : "-");

	CHECK(!media_wanted("第一段。\n\n▲说明", strlen("第一段。\n\n▲说明")),
	      "an article without '[' is not parsed again");
	CHECK(media_wanted("见[上一篇](p.html)", strlen("见[上一篇](p.html)")),
	      "an article with a link is");

	/* links against the link, images against the link's folder */
	ft_diag_list_init(&dl);
	s = rewrite("见[上一篇](../2022-07-14/001-1.html)、[这里](#x)和[信箱](mailto:a@b.cn)。\n\n"
		    "![现场](images/现场.jpg)\n\n结尾。", NULL, NULL, &extra, &dl, NULL);
	CHECK_STR(s, "<p>见<a href=\"https://news.example.com/epaper/2022-07-14/001-1.html\">上一篇</a>、"
		  "<a href=\"#x\">这里</a>和<a href=\"mailto:a@b.cn\">信箱</a>。</p>\n"
		  "<p><img src=\"https://news.example.com/epaper/2022-07-17/images/%E7%8E%B0%E5%9C%BA.jpg\" alt=\"现场\" width=\"3\" height=\"2\" /></p>\n"
		  "<p>结尾。</p>\n",
		  "links and images absolute, fragment and mailto: kept, non-ASCII percent-encoded; the photo's width and height");
	CHECK(extra && strstr(extra, "\"url\":\"https://news.example.com/epaper/2022-07-17/images/%E7%8E%B0%E5%9C%BA.jpg\"") &&
	      strstr(extra, "\"type\":\"image/jpeg\"") && strstr(extra, "\"width\":3,\"height\":2"),
	      "the photo's type, width and height (%s)", extra ? extra : "-");
	CHECK(dl.n == 0, "no diagnostic");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* a photo at an absolute URL: its type from its name, no length */
	ft_diag_list_init(&dl);
	s = rewrite("![远](https://cdn.example.com/p/远.jpg)", NULL, NULL, &extra, &dl, NULL);
	CHECK(extra && strstr(extra, "\"type\":\"image/jpeg\"") && !strstr(extra, "length") &&
	      !strstr(extra, "width"),
	      "a photo not in the collection: its type from its name, no length, no size (%s)",
	      extra ? extra : "-");
	CHECK(dl.n == 0, "... and no diagnostic");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* a photo named in the collection and not there: no <img>, a warning */
	ft_diag_list_init(&dl);
	s = rewrite("正文。\n\n![无](images/none.jpg)", NULL, NULL, &extra, &dl,
		    "# t\n\n正文。\n\n![无](images/none.jpg)\n");
	CHECK_STR(s, "<p>正文。</p>\n", "a missing photo: no <img> points at it");
	CHECK(!extra && has_rule(&dl, "photo-missing", 5),
	      "... no photo named, a warning at its line [photo-missing]");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* a photo with its caption: one figure; named with its credit */
	ft_diag_list_init(&dl);
	strlist_add(&credits, "王晓峰", strlen("王晓峰"));
	s = rewrite("第一段。\n\n![石门大桥](images/1.jpg)\n\n▲调试中的 **石门大桥**。",
		    NULL, &credits, &extra, &dl, NULL);
	CHECK_STR(s, "<p>第一段。</p>\n"
		  "<figure><img src=\"https://news.example.com/epaper/2022-07-17/images/1.jpg\" alt=\"石门大桥\" width=\"3\" height=\"2\" />"
		  "<figcaption>调试中的 <strong>石门大桥</strong>。</figcaption></figure>\n",
		  "an image followed by its caption is one figure");
	k = media_photo_parse(extra, &ph);
	CHECK(k == 1 && ph.url && !strcmp(ph.url, "https://news.example.com/epaper/2022-07-17/images/1.jpg") &&
	      ph.type && !strcmp(ph.type, "image/jpeg") && ph.length == (long long)sizeof(jpeg) &&
	      ph.caption && !strcmp(ph.caption, "调试中的 石门大桥。") &&
	      ph.credits.n == 1 && !strcmp(ph.credits.v[0], "王晓峰"),
	      "the first photo: its file's type (libmagic) and length, caption and credit (%s)",
	      extra ? extra : "-");
	media_photo_release(&ph);
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* the figure's credit is its caption's: the second caption here */
	ft_diag_list_init(&dl);
	free(credits.v[0]);
	credits.v[0] = strdup("");
	strlist_add(&credits, "李红光\n黄祖伟", strlen("李红光\n黄祖伟"));
	s = rewrite("▲没有照片的说明。\n\n[![大图](images/1.jpg)](images/1-big.jpg)\n\n▲有照片的说明。",
		    "https://img.example.com/2022/0717", &credits, &extra, &dl, NULL);
	CHECK_STR(s, "<figure><figcaption>没有照片的说明。</figcaption></figure>\n"
		  "<figure><a href=\"https://news.example.com/epaper/2022-07-17/images/1-big.jpg\">"
		  "<img src=\"https://img.example.com/2022/images/1.jpg\" alt=\"大图\" width=\"3\" height=\"2\" /></a>"
		  "<figcaption>有照片的说明。</figcaption></figure>\n",
		  "a linked image goes into its figure; images against the asset base, links against the link");
	CHECK(media_photo_parse(extra, &ph) == 1 && ph.credits.n == 2 &&
	      !strcmp(ph.credits.v[1], "黄祖伟") && ph.caption &&
	      !strcmp(ph.caption, "有照片的说明。"),
	      "the photo's credits are its own caption's (%s)", extra ? extra : "-");
	media_photo_release(&ph);
	free(s);
	free(extra);
	ft_diag_list_release(&dl);
	strlist_release(&credits);

	/* an image with no caption after it stays a paragraph */
	ft_diag_list_init(&dl);
	s = rewrite("![a](images/1.jpg)\n\n第二段。\n\n▲说明。", NULL, NULL, &extra, &dl, NULL);
	CHECK(s && strstr(s, "<p><img ") && strstr(s, "<figure><figcaption>说明。"),
	      "an image not just before a caption is not put in a figure");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* the collection's files only, and only images */
	ft_diag_list_init(&dl);
	s = rewrite("![a](images/link.jpg) ![b](../../../outside.jpg)", NULL, NULL, &extra, &dl, NULL);
	CHECK(!extra && has_rule(&dl, "photo-missing", 0) && s && !strstr(s, "<img"),
	      "a link out of the collection is not followed: no photo, a warning (%s)",
	      extra ? extra : "-");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);
	ft_diag_list_init(&dl);
	s = rewrite("![a](images/fake.jpg)", NULL, NULL, &extra, &dl, "# t\n\n![a](images/fake.jpg)\n");
	CHECK(!extra && has_rule(&dl, "photo-not-an-image", 3),
	      "a photo file that is not an image: a warning at its line, no photo named");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	/* what cannot be resolved: kept, a warning at its line */
	ft_diag_list_init(&dl);
	s = rewrite("见[坏](//bad%20host/x)。", NULL, NULL, &extra, &dl,
		    "# 标题\n\n第一段。\n\n见[坏](//bad%20host/x)。\n");
	CHECK(s && strstr(s, "href=\"//bad%20host/x\"") && has_rule(&dl, "unresolvable-ref", 5),
	      "an unresolvable reference is kept, with a warning naming its line");
	CHECK(!extra, "no photo, no extra");
	free(s);
	free(extra);
	ft_diag_list_release(&dl);

	{
		struct buf sb = BUF_INIT(1 << 16);
		static const char md[] = "![石门大桥夜景](images/1.jpg)\n\n▲说明。\n\n第一段。";
		CHECK(render_summary(md, strlen(md), 140, &sb) == 0 && sb.data &&
		      !strcmp(sb.data, "第一段。"),
		      "a photo's alt text is not the summary (%s)", sb.data ? sb.data : "-");
		ft_buf_release(&sb);
	}
	CHECK(media_photo_parse("{\"photo\":[]}", &ph) == -1, "an extra that is not feedgen's: -1");
	CHECK(media_photo_parse(NULL, &ph) == 0 && media_photo_parse("{}", &ph) == 0,
	      "no extra, or no photo in it: 0");

	/* the splitter: captions and their credits */
	{
		static const char page[] =
			"# 标题\n\n第一段。\n\n![桥](images/1.jpg)\n▲桥的说明。  \n记者 王晓峰 摄/山城视觉\n\n"
			"山城视觉签约摄影师 李红光  \n黄祖伟 摄\n\n▲第二张。\n\n▲第三张。\n";
		struct page_info pi = { "p.txt", "001_ab", 1, 19190, 0, &tz8 };
		struct article_list al = { 0 };
		ft_diag_list_init(&dl);
		k = article_split(&pi, page, strlen(page), &dl, &al);
		CHECK(k == 1 && al.v[0].body &&
		      strstr(al.v[0].body, "![桥](images/1.jpg)\n\n▲桥的说明。"),
		      "a caption under its photo's line is a paragraph of its own");
		CHECK(k == 1 && al.v[0].photo_credits.n == 3 &&
		      !strcmp(al.v[0].photo_credits.v[0], "王晓峰\n@山城视觉") &&
		      !strcmp(al.v[0].photo_credits.v[1], "李红光\n@山城视觉\n黄祖伟") &&
		      !strcmp(al.v[0].photo_credits.v[2], "李红光\n@山城视觉\n黄祖伟"),
		      "each caption's credit: its own, else the credit block before it");
		article_list_release(&al);
		ft_diag_list_release(&dl);
	}

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		return 1;
	return TEST_DONE();
}
