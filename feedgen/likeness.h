/*
 * likeness.h - what tells that two versions of an article are one: its
 * title, its lead paragraph and its text, each as words, and how much of
 * the text two versions share.
 *
 * A text's words are its Han, kana and Hangul characters one by one (each
 * carries a word's weight in Chinese, Japanese and Korean) and its runs of
 * other letters and digits (Latin, Cyrillic, ...; ASCII lower-cased);
 * punctuation, white space and markup separate them.  Its shingles are
 * every three words in a row, and the text's sketch the LIKE_SKETCH
 * smallest of their hashes (a bottom-k sketch), from which the Jaccard
 * similarity of two texts' shingle sets is estimated: exact when both are
 * shorter, else within about 0.06 (one standard error at 0.5).
 */
#ifndef FEEDGEN_LIKENESS_H
#define FEEDGEN_LIKENESS_H

#include <stddef.h>
#include <stdint.h>

#define LIKE_SKETCH 128
#ifndef LIKE_WORDS
#define LIKE_WORDS 4
#endif

struct likeness {
	uint64_t title;         /* the title's words; 0 when it has none */
	uint64_t lead;          /* the first paragraph's words; 0 when it
				   has fewer than 4 */
	uint64_t body;          /* all the words; 0 when fewer than 8 */
	size_t words;           /* how many words the text has */
	size_t n;               /* the sketch's size */
	uint64_t sketch[LIKE_SKETCH];   /* ascending, distinct */
};

/* The likeness of an article from its title (plain text) and its HTML. */
void likeness_of(const char *title, const char *html, struct likeness *out);

/* The estimated Jaccard similarity of a's and b's shingle sets, 0 to 1
 * (0 when either text has no words). */
double likeness_jaccard(const struct likeness *a, const struct likeness *b);

#endif
