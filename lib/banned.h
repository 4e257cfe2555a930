/*
 * banned.h - the C library's functions this code does not call, made
 * compile errors (as git's banned.h): strcpy, strcat, sprintf and
 * vsprintf write without a bound; gmtime and localtime return a buffer
 * every thread shares; atoi cannot say that it failed.  Use snprintf or a
 * struct buf (buf.h), gmtime_r and localtime_r, strtol.
 *
 * The Makefile includes it first in every file of lib/, validate/ and
 * validate/cli/ (-include).  The headers that declare these functions are
 * included here before the macros, so that their declarations are not
 * taken for calls; a file that wants more of the C library than POSIX
 * 2008 says so on the command line (the Makefile's FEATURES_), not with a
 * #define after this.
 */
#ifndef FEED_BANNED_H
#define FEED_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef atoi
#define atoi(s) BANNED(atoi)

#endif
