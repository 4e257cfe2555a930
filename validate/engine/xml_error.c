/*
 * xml_error.c - libxml2's errors as findings: one line of message, lower
 * case, and the rule id they belong to (xml-not-well-formed,
 * xml-undefined-entity, xml-invalid-char, ...).
 */
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "ascii.h"

/* ---- libxml2 errors ---- */

void fc_xml_error(void *arg, xmlErrorPtr e)
{
	struct fc *fc = arg;
	const char *rule = "xml-not-well-formed";
	char msg[512];
	size_t n;

	if (!e)
		return;
	if (e->code == XML_WAR_UNKNOWN_VERSION) {
		/* XML 1.1 and the like: libxml2 reads on, a warning to it */
		struct diag *d = fc_report(fc, "xml-bad-version", e->line, e->int2,
					   "the XML declaration names version "
					   "'%.10s': feeds are XML 1.0",
					   e->str1 ? e->str1 : "?");
		if (d)
			d->offset = fc_xml_byte_offset(fc, e->line, e->int2);
		return;
	}
	if (e->level == XML_ERR_WARNING && e->code != XML_WAR_UNDECLARED_ENTITY)
		return;
	if (fc->fatal_seen)
		return;
	/* libxml2 raises "out of memory" as a plain error, but stops the
	 * parse there all the same: it is the one finding, not followed by a
	 * second "not well-formed" at the same place */
	if (e->level == XML_ERR_FATAL || e->code == XML_ERR_NO_MEMORY)
		fc->fatal_seen = 1;
	/*
	 * libxml2's own bounds, in its words ("use XML_PARSE_HUGE option",
	 * "Huge input lookup"): say which limit, and the option that raises
	 * it (xml_sax.c asks libxml2 for XML_PARSE_HUGE then)
	 */
	if (e->message && (strstr(e->message, "xcessive depth") ||
			   strstr(e->message, "Huge input lookup") ||
			   strstr(e->message, "huge input lookup"))) {
		int depth = strstr(e->message, "xcessive depth") != NULL;
		struct diag *d = fc_report(fc, "validator-limit", e->line, e->int2,
			depth ? "elements nested deeper than 256 levels, the XML "
				"parser's limit (feedcheck's --max-depth above 256 "
				"raises it); the rest was not read"
			      : "a tag, name or value longer than 10000000 bytes, "
				"the XML parser's limit (feedcheck's --max-text "
				"above 10M raises it); the rest was not read");
		if (d)
			d->offset = fc_xml_byte_offset(fc, e->line, e->int2);
		return;
	}
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	/* one line: libxml2 puts the offending bytes on a second one */
	{
		char *p, *w;
		for (p = w = msg; *p; p++) {
			char c = *p == '\n' || *p == '\t' ? ' ' : *p;
			if (c == ' ' && (w == msg || w[-1] == ' '))
				continue;
			if (c == '!' && w > msg && w[-1] == ' ') {
				w--;   /* "indicate encoding !" */
				continue;
			}
			*w++ = c;
		}
		*w = '\0';
	}
	n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (strstr(msg, "not proper UTF-8")) {
		/* RFC 3629: say which bytes, and what to do */
		const char *b = strstr(msg, "Bytes:");
		char tmp[512];
		snprintf(tmp, sizeof(tmp), "bytes are not valid UTF-8; declare "
			 "the encoding they are in%s%s", b ? ": " : "",
			 b ? b + 7 : "");
		memcpy(msg, tmp, sizeof(msg));
		n = strlen(msg);
	}
	if (n)
		msg[0] = (char)TO_LOWER((unsigned char)msg[0]);
	switch (e->code) {
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
		rule = "xml-undefined-entity";
		break;
	case XML_ERR_UNSUPPORTED_ENCODING:
	case XML_ERR_UNKNOWN_ENCODING:
		rule = "xml-unknown-encoding";
		break;
	case XML_ERR_INVALID_CHAR:
	case XML_ERR_INVALID_CHARREF:
		rule = strstr(msg, "encoding") || strstr(msg, "UTF")
			       ? "xml-invalid-encoding" : "xml-invalid-char";
		if (!strcmp(rule, "xml-invalid-char")) {
			const char *v = strstr(msg, "value ");
			if (v) {
				/* XML 1.0 §2.2 Char */
				unsigned long cp = strtoul(v + 6, NULL, 10);
				snprintf(msg, sizeof(msg), "character U+%04lX is not "
					 "allowed in XML", cp);
			}
		}
		break;
	default:
		if (e->domain == XML_FROM_NAMESPACE)
			rule = "xml-namespace-error";
		else if (e->domain == XML_FROM_I18N ||
			 e->domain == XML_FROM_IO ||
			 e->code == XML_I18N_CONV_FAILED)
			rule = "xml-invalid-encoding";
		break;
	}
	{
		struct diag *d = fc_report(fc, rule, e->line, e->int2, "%s", msg);
		if (d)
			d->offset = fc_xml_byte_offset(fc, e->line, e->int2);
	}
}
