/*
 * fuzz_config.c - options_load_config() on an arbitrary config file.
 *
 * The file is a memfd created once and rewritten for every input; it is
 * read back through /proc/self/fd, so no file is left behind.  Some
 * options are "set on the command line" first, to check that the config
 * never overrides them.
 */
#define _GNU_SOURCE 1   /* memfd_create */

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz.h"
#include "options.h"

static int memfd = -1;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfd = memfd_create("fuzz_config", MFD_CLOEXEC);
	if (memfd < 0) {
		perror("memfd_create");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char a0[] = "feedgen", a1[] = "--title", a2[] = "cmdline",
		    a3[] = "-q", a4[] = "dir";
	char *argv[] = { a0, a1, a2, a3, a4, NULL };
	struct options o;
	struct diag_list dl;
	size_t done = 0, k;
	int r;

	if (ftruncate(memfd, 0) < 0)
		abort();
	while (done < size) {
		ssize_t w = pwrite(memfd, data + done, size - done, (off_t)done);
		if (w <= 0)
			abort();
		done += (size_t)w;
	}
	options_init(&o);
	ft_diag_list_init(&dl);
	FUZZ_CHECK(options_parse_argv(&o, 5, argv, &dl) == 0, "argv rejected");
	r = options_load_config(&o, path, -1, 1, &dl);
	FUZZ_CHECK(r == 0 || r == -1, "config read failed or odd result");
	if (r < 0)
		FUZZ_CHECK(dl.count[DIAG_ERROR] > 0, "config rejected without an error");
	FUZZ_CHECK(strcmp(opt_get(&o, OPT_TITLE), "cmdline") == 0,
		   "config overrode the command line");
	FUZZ_CHECK(opt_flag(&o, OPT_QUIET), "config cleared a command-line flag");
	FUZZ_CHECK(opt_get(&o, OPT_HELP) == NULL && opt_get(&o, OPT_CONFIG) == NULL,
		   "config set a command-line-only option");
	for (k = 0; k < o.nmap; k++)
		FUZZ_CHECK(o.map_key[k] && o.map_value[k], "map entry is NULL");
	(void)opt_map(&o, "section", "001");
	(void)opt_map(&o, "slug", "x");
	options_release(&o);
	ft_diag_list_release(&dl);
	return 0;
}
