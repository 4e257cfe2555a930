/*
 * test_grow.c - arrays that grow (lib/grow.h): the room doubles, a count
 * whose bytes would pass SIZE_MAX is refused before any allocation, and a
 * refusal leaves the array as it was.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "test.h"

int main(void)
{
	size_t alloc = 0, i, n = 0;
	int *v = NULL, *nv, same = 1;
	void *p;

	CHECK_INT(ft_grow_room(0, 1), 16, "an empty array's room starts at 16");
	CHECK_INT(ft_grow_room(16, 17), 32, "then doubles");
	CHECK_INT(ft_grow_room(16, 100), 128, "as often as it takes to hold the need");
	CHECK_INT(ft_grow_room(SIZE_MAX / 2 + 2, SIZE_MAX - 1), SIZE_MAX - 1,
		  "and never wraps: past half of SIZE_MAX the room is the need");

	for (i = 0; i < 1000; i++) {
		if (!(nv = ft_grow(v, &alloc, n + 1, sizeof(*nv))))
			break;
		v = nv;
		v[n++] = (int)i;
	}
	for (i = 0; i < n; i++)
		same &= v[i] == (int)i;
	CHECK(n == 1000 && same, "1000 elements appended, kept in order");
	CHECK_INT(alloc, 1024, "in a room of 1024");
	CHECK(ft_grow(v, &alloc, 10, sizeof(*v)) == v, "room enough: the array itself");

	errno = 0;
	nv = ft_grow(v, &alloc, SIZE_MAX / 2, sizeof(*v));
	CHECK(!nv && errno == ENOMEM, "SIZE_MAX / 2 ints: refused, ENOMEM");
	CHECK(alloc == 1024 && v[999] == 999, "and the array is as it was");
	free(v);

	errno = 0;
	p = ft_reallocarray(NULL, SIZE_MAX / 4 + 1, 4);
	CHECK(!p && errno == ENOMEM, "ft_reallocarray: a count times a size past SIZE_MAX is refused");
	p = ft_reallocarray(NULL, 0, 16);
	CHECK(p != NULL, "ft_reallocarray: no elements is a valid allocation");
	free(p);
	return TEST_DONE();
}
