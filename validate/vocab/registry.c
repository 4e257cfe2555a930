/*
 * vocab.c - the namespaces the rules know (their URIs, fc_ns) and the
 * registry of vocabularies the engine reaches them through (fc_vocabs[];
 * vocab.h says how to add one).  Calls nothing: the vocabularies are
 * reached through the table.
 */
#include "registry.h"

#include <pthread.h>

#include "xml.h"

/* ---- the registry ---- */

/*
 * In order: the first rule row that matches an element wins, and the
 * handlers run in this order (the format's own, then the extensions).
 */
const struct fc_vocab *const fc_vocabs[] = {
	&fc_vocab_atom,
	&fc_vocab_rss,
	&fc_vocab_ext,
	&fc_vocab_itunes,
	&fc_vocab_podcast,
	&fc_vocab_podreq,
	&fc_vocab_georss,
	&fc_vocab_text,
	&fc_vocab_ns,
	&fc_vocab_rss_bp,
	&fc_vocab_dcslash,
	&fc_vocab_atom_bp,
	&fc_vocab_media_bp,
	&fc_vocab_comments,
	&fc_vocab_googleplay,
	&fc_vocab_document,
	NULL
};

/* the index, built whichever thread checks first (POSIX: pthread_once
 * makes what build_index() wrote visible to every thread that returns
 * from it) */
static struct fc_xml_index vocabs_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
	fc_xml_index_build(&vocabs_index, fc_vocabs);
}

const struct fc_xml_index *fc_vocabs_index(void)
{
	pthread_once(&index_once, build_index);
	return &vocabs_index;
}
