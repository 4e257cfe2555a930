/*
 * registry.c - the vocabularies of XML feeds, in order (registry.h says
 * how to add one): the engine is handed their index and their states
 * through struct fc, so it names none of them.
 */
#include "registry.h"

#include <pthread.h>
#include <stdlib.h>

#include "xml.h"

/*
 * In order: each round of hooks runs in this order (engine/vocab.h), and
 * the findings of one element at one line and column come in it, so the
 * order is part of what feedcheck prints.  It is the order a reader meets
 * the findings of an element in: first what the formats' own readings say
 * (RSS's and Atom's tables, then what Atom's links and pages mean), then
 * the extensions, then the checks of any element (text, namespaces); in
 * the late round RSS's best practice, the Dublin Core twins and Atom's,
 * then the extensions' and the transport's.  Two formats' own rows never
 * meet (a document is RSS or Atom), and no two tables name the same
 * element in the same context (tests/unit/test_vocab.c), so a new row only
 * decides where its findings come among those of one element.  A new
 * vocabulary goes before the NULL.
 */
const struct fc_vocab *const fc_vocabs[] = {
	&fc_vocab_rss,
	&fc_vocab_dcslash,
	&fc_vocab_atom,
	&fc_vocab_history,
	&fc_vocab_ext,
	&fc_vocab_thread,
	&fc_vocab_media,
	&fc_vocab_itunes,
	&fc_vocab_podcast,
	&fc_vocab_podreq,
	&fc_vocab_georss,
	&fc_vocab_text,
	&fc_vocab_ns,
	&fc_vocab_comments,
	&fc_vocab_googleplay,
	&fc_vocab_document,
	&fc_vocab_entries,
	&fc_vocab_readers,
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

/* a state's room, rounded up so that every state is aligned as malloc's */
#define ALIGN 16
static size_t room(size_t n)
{
	return (n + ALIGN - 1) / ALIGN * ALIGN;
}

int fc_vocabs_open(struct fc *fc)
{
	size_t t, total = 0;
	char *block;

	fc->index = fc_vocabs_index();
	for (t = 0; fc_vocabs[t] && t < FC_MAX_VOCABS; t++)
		total += room(fc_vocabs[t]->size);
	if (!total)
		return 0;
	/* one block for all: zeroed, as each state starts */
	if (!(block = calloc(1, total)))
		return -1;
	for (t = 0; fc_vocabs[t] && t < FC_MAX_VOCABS; t++) {
		const struct fc_vocab *v = fc_vocabs[t];
		if (!v->size)
			continue;
		fc->vstate[t] = block;
		if (v->init)
			v->init(block);
		block += room(v->size);
	}
	return 0;
}

void fc_vocabs_close(struct fc *fc)
{
	void *block = NULL;
	size_t t;

	for (t = 0; fc_vocabs[t] && t < FC_MAX_VOCABS; t++) {
		if (!fc->vstate[t])
			continue;
		if (!block)
			block = fc->vstate[t];
		if (fc_vocabs[t]->release)
			fc_vocabs[t]->release(fc->vstate[t]);
		fc->vstate[t] = NULL;
	}
	free(block);
}
