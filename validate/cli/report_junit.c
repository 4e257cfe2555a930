/*
 * report_junit.c - JUnit XML through libxml2's xmlTextWriter: one test
 * suite, one test case per source.  A source with errors (with --strict,
 * with warnings) is a <failure>, one that could not be read or fetched an
 * <error>; the findings are the text of either, in the gcc form, and
 * those of passing sources go to the suite's <system-out>.  The document
 * is valid under both schemas in use: Jenkins' junit-4.xsd and the Apache
 * Ant schema (windyroad JUnit.xsd), so no attributes on <testsuites>, a
 * <properties> element, and a timestamp without a zone (UTC).
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "utf8.h"

/* the findings of s at o->min and above, as --format gcc prints them */
static char *findings_text(const struct source *s,
			   const struct report_opts *o)
{
	struct report_opts g = *o;
	char *text = NULL, *clean;
	size_t len = 0;
	FILE *mf = open_memstream(&text, &len);

	if (!mf)
		return NULL;
	g.color = g.excerpt = g.chatty = 0;
	report_text(mf, s, &g, NULL);
	if (fclose(mf) != 0) {
		free(text);
		return NULL;
	}
	clean = ft_xml_clean_dup(text ? text : "");
	free(text);
	return clean;
}

/* a name or message as an XML attribute value: one line, escaped */
static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	struct buf b = BUF_INIT((size_t)1 << 20);
	int rc;

	ft_buf_add_escaped(&b, value);
	rc = xmlTextWriterWriteAttribute(w, BAD_CAST name,
					 BAD_CAST (b.data ? b.data : "")) < 0;
	ft_buf_release(&b);
	return rc;
}

static int junit_case(xmlTextWriterPtr w, const struct source *s,
		      const struct report_opts *o, struct buf *out)
{
	enum verdict v = source_verdict(s, o->strict);
	const size_t *c = s->res.diags.count;
	char *text = findings_text(s, o);
	int rc = !text;

	/* a link a folder's walk did not follow passes, its finding in
	 * system-out: the Ant schema has no <skipped>, Jenkins' one no
	 * message for it */
	if (v == VERDICT_SKIPPED)
		v = VERDICT_VALID;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testcase") < 0;
	rc |= attr(w, "name", s->name);
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "classname",
					  BAD_CAST "feedcheck") < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "time", "%.3f",
						s->seconds) < 0;
	if (v == VERDICT_UNREAD) {
		/* the first error says why the bytes could not be had */
		const char *why = "could not be read", *rule = "io-error";
		size_t i;
		for (i = 0; i < s->res.diags.n; i++)
			if (s->res.diags.v[i].severity == DIAG_ERROR) {
				why = s->res.diags.v[i].message;
				rule = s->res.diags.v[i].rule;
				break;
			}
		rc |= xmlTextWriterStartElement(w, BAD_CAST "error") < 0;
		rc |= attr(w, "message", why);
		rc |= attr(w, "type", rule);
	} else if (v != VERDICT_VALID) {
		struct buf m = BUF_INIT(256);
		if (v == VERDICT_INVALID)
			counts_text(&m, c[DIAG_ERROR], c[DIAG_WARNING], 0, ", ", 0);
		else
			ft_buf_addf(&m, "%zu warning%s (--strict)", c[DIAG_WARNING],
				    c[DIAG_WARNING] == 1 ? "" : "s");
		rc |= xmlTextWriterStartElement(w, BAD_CAST "failure") < 0;
		rc |= attr(w, "message", m.data ? m.data : "");
		rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST
				(v == VERDICT_INVALID ? "error" : "warning")) < 0;
		ft_buf_release(&m);
	} else if (text) {
		ft_buf_adds(out, text);     /* the suite's system-out */
	}
	if (v != VERDICT_VALID) {
		if (text)
			rc |= xmlTextWriterWriteString(w, BAD_CAST text) < 0;
		rc |= xmlTextWriterFullEndElement(w) < 0;
	}
	rc |= xmlTextWriterFullEndElement(w) < 0;
	free(text);
	return rc ? -1 : 0;
}

int report_junit(FILE *fp, const struct source *v, size_t n,
		 const struct report_opts *o, double start, double seconds)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w;
	struct buf out = BUF_INIT((size_t)1 << 30);
	size_t i, fails = 0, errors = 0;
	char host[256], stamp[32];
	time_t t = (time_t)start;
	struct tm tm;
	int rc = 0;

	if (!b)
		return -1;
	w = xmlNewTextWriterMemory(b, 0);
	if (!w) {
		xmlBufferFree(b);
		return -1;
	}
	for (i = 0; i < n; i++) {
		enum verdict vd = source_verdict(&v[i], o->strict);
		fails += vd == VERDICT_INVALID || vd == VERDICT_STRICT_FAIL;
		errors += vd == VERDICT_UNREAD;
	}
	if (gethostname(host, sizeof(host)) != 0 || !host[0])
		snprintf(host, sizeof(host), "%s", "localhost");
	host[sizeof(host) - 1] = '\0';
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	xmlTextWriterSetIndent(w, 1);
	rc |= xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuites") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "testsuite") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
					  BAD_CAST "feedcheck") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "package",
					  BAD_CAST "feedcheck") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "id", BAD_CAST "0") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "timestamp",
					  BAD_CAST stamp) < 0;
	rc |= attr(w, "hostname", host);
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "tests", "%zu", n) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "failures", "%zu",
						fails) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "errors", "%zu",
						errors) < 0;
	rc |= xmlTextWriterWriteFormatAttribute(w, BAD_CAST "time", "%.3f",
						seconds) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "properties") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "property") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "name",
					  BAD_CAST "feedcheck.version") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "value",
					  BAD_CAST FEED_VERSION) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	rc |= xmlTextWriterEndElement(w) < 0;
	for (i = 0; i < n && !rc; i++)
		rc |= junit_case(w, &v[i], o, &out);
	rc |= xmlTextWriterStartElement(w, BAD_CAST "system-out") < 0;
	if (out.len)
		rc |= xmlTextWriterWriteString(w, BAD_CAST out.data) < 0;
	rc |= xmlTextWriterFullEndElement(w) < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "system-err") < 0;
	rc |= xmlTextWriterFullEndElement(w) < 0;
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (!rc)
		fwrite(xmlBufferContent(b), 1, (size_t)xmlBufferLength(b), fp);
	xmlBufferFree(b);
	ft_buf_release(&out);
	return rc ? -1 : 0;
}
