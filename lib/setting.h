/*
 * setting.h - what both programs read from their command lines and
 * configuration files the same way: a size with a K, M or G suffix, and
 * one line of a "key = value" file.
 */
#ifndef FEED_SETTING_H
#define FEED_SETTING_H

/*
 * A size: decimal digits, then K, M or G (powers of 1024, either case),
 * then an optional B ("50M", "4k", "512", "1GB"), from 1 to max bytes.
 * 0 with the size in *v, or -1 when s is not one (*v untouched).
 */
int ft_parse_size(const char *s, unsigned long long max, unsigned long long *v);

/*
 * One line of a "key = value" file, in place: white space around the
 * line, the key and the value removed (NULs written into line).  0 for a
 * blank line or a comment (its first character, white space aside, is
 * '#'); else 1, with *key the text before the first '=' and *value that
 * after it, or NULL when the line has no '='.  The caller judges the key
 * and the value.
 */
int ft_kv_split(char *line, char **key, char **value);

#endif
