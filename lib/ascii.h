/* ascii.h - locale-independent character classes (the locale never changes parsing) */
#ifndef FEED_ASCII_H
#define FEED_ASCII_H

#define IS_DIGIT(c) ((unsigned)(c) - '0' < 10u)
#define IS_ALPHA(c) (((unsigned)(c) | 32u) - 'a' < 26u)
#define IS_ALNUM(c) (IS_ALPHA(c) || IS_DIGIT(c))
#define IS_SPACE(c) ((c) == ' ' || ((unsigned)(c) - '\t' < 5u))
#define IS_XDIGIT(c) (IS_DIGIT(c) || ((unsigned)(c) | 32u) - 'a' < 6u)
#define TO_LOWER(c) (((unsigned)(c) - 'A' < 26u) ? ((c) | 32) : (c))

#endif
