/* placeholder, replaced below */
#include "report.h"
int fc_html_section(const struct fc_source *s, const struct fc_report_opts *o,
		    size_t order, struct fc_html_entry *e)
{ (void)s; (void)o; (void)order; (void)e; return 0; }
int fc_html_document(FILE *fp, struct fc_html_entry *v, size_t n,
		     const struct fc_report_opts *o, double start)
{ (void)fp; (void)v; (void)n; (void)o; (void)start; return 0; }
void fc_html_entry_release(struct fc_html_entry *e) { (void)e; }
